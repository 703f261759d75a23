using ArchPgtable.Arm64;

namespace ArchPgtable.Contracts.Tests.KnownBad;

/// <summary>Known-bad: clear_young_dirty_ptes that also clears the entry one past the range (an off-by-one end).</summary>
public sealed class OnePastCydpOps(Arm64Granule granule) : Arm64ContPteOps(granule)
{
    [KernelHelper("one_past_clear_young_dirty_ptes")]
    protected override void ClearYoungDirtyPtesCore(IMmContext vma, ulong addr, PtePointer ptep, int nr, CydpFlags flags)
    {
        base.ClearYoungDirtyPtesCore(vma, addr, ptep, nr, flags);
        Arm64RawPtes.ClearYoungDirtyPtes(ptep + nr, 1, flags);
    }
}
