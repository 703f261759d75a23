namespace ArchPgtable.Native;

/// <summary>Where a native build's helpers came from: the tree, its version, the patch, the library, and each helper's C function.</summary>
/// <param name="Tree">The <c>--kernel-tree</c> path.</param>
/// <param name="KernelVersion">The version the tree's top Makefile states, e.g. <c>6.12.117</c>.</param>
/// <param name="Patch">The <c>--patch</c> file applied, or null.</param>
/// <param name="Library">The shared library built (in the cache).</param>
/// <param name="Helpers">For each helper, the C function called and where it was taken from.</param>
/// <param name="TakenCount">How many functions and macros were taken from the tree.</param>
/// <param name="KnownDifferences">Explained differences from the arch's C# model that apply to this tree.</param>
public sealed record NativeBuildInfo(
    string Tree, string KernelVersion, string? Patch, string Library, IReadOnlyList<NativeHelperSource> Helpers, int TakenCount,
    IReadOnlyList<NativeKnownDifference> KnownDifferences)
{
    /// <summary>The CPU feature checks the taken C code makes (e.g. <c>system_supports_bbml2_noabort()</c> in a tree or patch that has the BBML2 path); a machine answers them.</summary>
    public IReadOnlyList<NativeFeature> FeatureChecks { get; init; } = [];
}

/// <summary>One helper of a native build.</summary>
/// <param name="Helper">The helper (kernel spelling), e.g. <c>clear_young_dirty_ptes</c>.</param>
/// <param name="Function">The C function compiled from the tree.</param>
/// <param name="File">The tree-relative file it was taken from.</param>
/// <param name="Line">Its line in that file (after <c>--patch</c>).</param>
/// <param name="Calls">The functions from other files of the tree it calls directly (e.g. <c>contpte_clear_young_dirty_ptes</c> in contpte.c), as <c>name (contpte.c:line)</c>.</param>
public sealed record NativeHelperSource(string Helper, string Function, string File, int Line, IReadOnlyList<string> Calls);
