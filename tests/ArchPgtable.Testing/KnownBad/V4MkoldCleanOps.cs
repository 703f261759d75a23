using ArchPgtable.Arm64;

namespace ArchPgtable.Testing.KnownBad;

/// <summary>
/// Known-bad: the arm64 mkold_clean_ptes override of the lazyfree v4 patch (the seed review), on
/// top of the real contpte layer. Bug 1: if the first raw
/// entry is not valid+cont it cleans [addr, addr+nr) entry by entry, so a later cont block's
/// siblings outside the range keep young/dirty and ptep_get() of the range still reports them.
/// Bug 2: if the first entry is cont it cleans exactly that one block and ignores nr.
/// </summary>
public class V4MkoldCleanOps(Arm64Granule granule) : Arm64ContPteOps(granule)
{
    /// <summary>Take the buggy path when the first entry is not cont (bug 1).</summary>
    protected virtual bool Bug1 => true;

    /// <summary>Take the buggy path when the first entry is cont (bug 2).</summary>
    protected virtual bool Bug2 => true;

    [KernelHelper("contpte_ptep_mkold_clean")]
    protected override void MkoldCleanPtesCore(IMmContext vma, ulong addr, PtePointer ptep, int nr)
    {
        var cont = Arm64Pte.ValidCont(Arm64RawPtes.PtepGet(ptep));
        if (!cont && Bug1)
        {
            RawMkoldClean(ptep, nr);
        }
        else if (cont && Bug2)
        {
            RawMkoldClean(ptep.AlignDown(Geometry.ContPtes), Geometry.ContPtes);
        }
        else
        {
            base.MkoldCleanPtesCore(vma, addr, ptep, nr);
        }
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
