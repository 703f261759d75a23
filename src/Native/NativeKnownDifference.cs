namespace ArchPgtable.Native;

/// <summary>An explained difference between a native build and the arch's C# model, shown by <c>diff</c> instead of failing.</summary>
/// <param name="Helper">The helper that differs (kernel spelling).</param>
/// <param name="WhenTreeDefines">The difference applies when the tree defines this function or macro (it marks the change).</param>
/// <param name="Explanation">What differs and why, with the upstream commit title.</param>
public sealed record NativeKnownDifference(string Helper, string WhenTreeDefines, string Explanation);
