using ArchPgtable.Arm64;

namespace ArchPgtable.Testing.KnownBad;

/// <summary>
/// A <c>ptep_set_access_flags</c> that leaves a sibling-only update: like contpte_ptep_set_access_flags() from v6.10
/// until mainline's fix, it returns early (no-op) when the block's gathered <c>ptep_get()</c> value already equals
/// <c>entry</c>, although the raw entry the faulting agent evaluates may still be old or read-only because only a
/// sibling was updated by a hardware walker. A per-entry walker (an SMMU without HTTU, a CPU without DBM) then faults
/// on the same entry forever.
/// </summary>
public sealed class GatheredNoopAccessFlagsOps(Arm64Granule granule) : Arm64ContPteOps(granule)
{
    /// <inheritdoc/>
    protected override bool PtepSetAccessFlagsCore(IMmContext vma, ulong addr, PtePointer ptep, Pte entry, bool dirty)
    {
        var raw = Arm64RawPtes.PtepGet(ptep);
        if (Arm64Pte.Cont(raw) && Arm64Pte.MkNonCont(PtepGet(ptep)) == Arm64Pte.MkNonCont(entry))
        {
            return false;
        }

        return base.PtepSetAccessFlagsCore(vma, addr, ptep, entry, dirty);
    }
}
