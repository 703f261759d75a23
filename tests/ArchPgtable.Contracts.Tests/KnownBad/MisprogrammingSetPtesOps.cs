using ArchPgtable.Arm64;

namespace ArchPgtable.Contracts.Tests.KnownBad;

/// <summary>Known-bad: set_ptes that marks every entry of a multi-entry batch PTE_CONT, aligned block or not (misprogramming of the contiguous bit).</summary>
public sealed class MisprogrammingSetPtesOps(Arm64Granule granule) : Arm64ContPteOps(granule)
{
    [KernelHelper("misprogramming_set_ptes")]
    protected override void SetPtesCore(IMmContext mm, ulong addr, PtePointer ptep, Pte pte, int nr)
    {
        if (nr == 1)
        {
            base.SetPtesCore(mm, addr, ptep, pte, nr);
            return;
        }

        Arm64RawPtes.SetPtes(Arm64Format, ptep, Arm64Pte.MkCont(pte), nr);
    }
}
