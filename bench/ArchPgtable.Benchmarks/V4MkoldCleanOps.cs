using ArchPgtable.Arm64;

namespace ArchPgtable.Benchmarks;

/// <summary>
/// The lazyfree v4 arm64 mkold_clean_ptes override (the seed review) with each bug switchable, for
/// measuring how fast the contract suite finds them. Bug 1: a first entry that is not cont makes the
/// whole range be treated as not cont. Bug 2: a cont first entry cleans exactly one block, ignoring nr.
/// (The test suite's copy lives in tests/ArchPgtable.Contracts.Tests/KnownBad.)
/// </summary>
public sealed class V4MkoldCleanOps(Arm64Granule granule, bool bug1, bool bug2) : Arm64ContPteOps(granule)
{
    [KernelHelper("contpte_ptep_mkold_clean")]
    protected override void MkoldCleanPtesCore(IMmContext vma, ulong addr, PtePointer ptep, int nr)
    {
        var cont = Arm64Pte.ValidCont(Arm64RawPtes.PtepGet(ptep));
        if (!cont && bug1)
        {
            Clean(ptep, nr);
        }
        else if (cont && bug2)
        {
            Clean(ptep.AlignDown(Geometry.ContPtes), Geometry.ContPtes);
        }
        else
        {
            base.MkoldCleanPtesCore(vma, addr, ptep, nr);
        }
    }

    private static void Clean(PtePointer ptep, int nr)
    {
        for (var i = 0; i < nr; i++)
        {
            var p = ptep + i;
            var pte = p.Read();
            for (; ; )
            {
                var found = p.CompareExchange(Arm64Pte.MkClean(Arm64Pte.MkOld(pte)), pte);
                if (found == pte)
                {
                    break;
                }

                pte = found;
            }
        }
    }
}
