using ArchPgtable.Arm64;

namespace ArchPgtable.Testing.KnownBad;

/// <summary>
/// Known-bad <c>modify_prot_commit_ptes</c> / <c>ptep_modify_prot_commit</c>: they commit the new value made clean,
/// dropping the dirty state <c>modify_prot_start_ptes()</c> gathered and core mm handed back, so an mprotect() of a
/// written anonymous folio loses its dirtiness (and a later reclaim could drop the data).
/// </summary>
public sealed class DirtyDroppingCommitOps(Arm64Granule granule) : Arm64ContPteOps(granule)
{
    /// <inheritdoc/>
    [KernelHelper("clean_modify_prot_commit_ptes")]
    protected override void ModifyProtCommitPtesCore(IMmContext vma, ulong addr, PtePointer ptep, Pte oldPte, Pte pte, int nr) =>
        base.ModifyProtCommitPtesCore(vma, addr, ptep, oldPte, Arm64Format.MkClean(pte), nr);
}
