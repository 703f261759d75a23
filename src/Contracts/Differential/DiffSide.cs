using ArchPgtable.Plugins;

namespace ArchPgtable.Contracts.Differential;

/// <summary>One side of a differential run: a build, a label (e.g. <c>model</c>, <c>native</c>) and, per helper, the implementation in force.</summary>
/// <param name="Arch">The build.</param>
/// <param name="Label">How the report names this side.</param>
/// <param name="Implementations">Helper (kernel spelling) → the function or member that implements it, e.g. <c>Arm64ContPteOps.ClearYoungDirtyPtesCore (contpte_clear_young_dirty_ptes)</c>.</param>
public sealed record DiffSide(ArchInstance Arch, string Label, IReadOnlyDictionary<string, string> Implementations)
{
    /// <summary>The implementation of <paramref name="helper"/>, or the helper name when unknown.</summary>
    public string Implementation(string helper) => Implementations.TryGetValue(helper, out var impl) ? impl : helper;
}
