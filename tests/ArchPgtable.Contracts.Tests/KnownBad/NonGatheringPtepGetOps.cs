using ArchPgtable.Arm64;

namespace ArchPgtable.Contracts.Tests.KnownBad;

/// <summary>Known-bad: ptep_get that returns the raw entry of a contiguous block without OR-ing young/dirty from its siblings (on which the hardware may have recorded them).</summary>
public sealed class NonGatheringPtepGetOps(Arm64Granule granule) : Arm64ContPteOps(granule)
{
    [KernelHelper("raw_ptep_get")]
    protected override Pte PtepGetCore(PtePointer ptep) => Arm64RawPtes.PtepGet(ptep);
}
