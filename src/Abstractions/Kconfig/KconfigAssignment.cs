namespace ArchPgtable.Kconfig;

/// <summary>One assignment from a configuration source: <c>CONFIG_X=y</c>, <c># CONFIG_X is not set</c> (value <c>n</c>), or <c>ARCH=arm64</c>.</summary>
/// <param name="Name">The symbol (<c>CONFIG_…</c>) or <c>ARCH</c>.</param>
/// <param name="Value">The value in .config spelling.</param>
/// <param name="Source">Where it came from: a file name, <c>environment</c>, <c>--set</c>.</param>
/// <param name="Line">The 1-based line in <paramref name="Source"/>, or 0 when the source has no lines.</param>
public sealed record KconfigAssignment(string Name, string Value, string Source, int Line)
{
    /// <summary>The name of the pseudo-symbol that selects the architecture.</summary>
    public const string ArchName = "ARCH";

    /// <summary><c>source:line</c>, or just the source when it has no lines.</summary>
    public string Location => Line > 0 ? $"{Source}:{Line}" : Source;
}
