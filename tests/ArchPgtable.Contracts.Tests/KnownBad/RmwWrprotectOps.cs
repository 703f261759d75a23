using ArchPgtable.Arm64;

namespace ArchPgtable.Contracts.Tests.KnownBad;

/// <summary>
/// Known-bad: wrprotect_ptes that keeps the contpte structure right (partially covered end blocks
/// are unfolded through the real single-entry path) but write-protects each entry with a plain
/// read-modify-write instead of a compare-and-exchange loop: a hardware dirty update (DBM clearing
/// PTE_RDONLY) landing between the read and the store is overwritten and lost.
/// </summary>
public sealed class RmwWrprotectOps(Arm64Granule granule) : Arm64ContPteOps(granule)
{
    [KernelHelper("rmw_wrprotect_ptes")]
    protected override void WrprotectPtesCore(IMmContext mm, ulong addr, PtePointer ptep, int nr)
    {
        var c = Geometry.ContPtes;
        if ((ptep.Index & (c - 1)) != 0 || nr < c)
        {
            base.WrprotectPtesCore(mm, addr, ptep, 1);
        }

        if (((ptep.Index + nr) & (c - 1)) != 0)
        {
            base.WrprotectPtesCore(mm, addr + ((ulong)(nr - 1) << Geometry.PageShift), ptep + (nr - 1), 1);
        }

        for (var i = 0; i < nr; i++)
        {
            var p = ptep + i;
            var pte = p.Read();
            p.Write(Arm64Pte.WrProtect(pte));
        }
    }
}
