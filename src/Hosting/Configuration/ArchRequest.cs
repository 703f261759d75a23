namespace ArchPgtable.Hosting.Configuration;

/// <summary>An arch asked for by one configuration source.</summary>
/// <param name="Arch">The arch name as given.</param>
/// <param name="Source">Who asked: <c>--arch</c>, <c>--set ARCH=</c>, <c>ARCHPGTABLE_ARCH</c> or <c>file:line</c>.</param>
internal sealed record ArchRequest(string Arch, string Source);
