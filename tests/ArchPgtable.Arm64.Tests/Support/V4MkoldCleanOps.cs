namespace ArchPgtable.Arm64.Tests.Support;

/// <summary>
/// Known-bad: the arm64 mkold_clean_ptes override of the lazyfree v4 patch (seed), on top of
/// the real contpte layer. If the first raw entry is not valid+cont it cleans [addr, addr+nr)
/// entry by entry (bug 1: a later cont block's siblings outside the range are never cleaned);
/// otherwise it cleans exactly the first entry's block and ignores nr (bug 2).
/// </summary>
public sealed class V4MkoldCleanOps(Arm64Granule granule) : Arm64ContPteOps(granule)
{
    [KernelHelper("contpte_ptep_mkold_clean")]
    protected override void MkoldCleanPtesCore(IMmContext vma, ulong addr, PtePointer ptep, int nr)
    {
        if (!Arm64Pte.ValidCont(Arm64RawPtes.PtepGet(ptep)))
        {
            RawMkoldClean(ptep, nr);
            return;
        }

        RawMkoldClean(ptep.AlignDown(Geometry.ContPtes), Geometry.ContPtes);
    }

    /// <summary>v4's __mkold_clean_ptes: a compare-and-exchange loop of pte_mkclean(pte_mkold()) per entry.</summary>
    private static void RawMkoldClean(PtePointer ptep, int nr)
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
