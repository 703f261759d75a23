using System.Globalization;

namespace ArchPgtable.Mm.Oracle;

/// <summary>
/// The isolation oracle over a range of entries: a present, writable entry of a private mapping must map a page that
/// only this entry maps (mapcount 1; a page mapped writable in two processes has 2) and that is PageAnonExclusive.
/// Violations go to the <see cref="DataOracle"/> like data loss.
/// </summary>
/// <remarks>Kernel: none; the invariant page_table_check (CONFIG_PAGE_TABLE_CHECK) enforces for anonymous pages: never
/// mapped writable while shared, and (mm/memory.c) a writable private anon PTE implies PageAnonExclusive.</remarks>
public static class IsolationAudit
{
    /// <summary>Checks every entry of <paramref name="mm"/> in <c>[start, end)</c>; returns the number of violations added.</summary>
    public static int Range(MmStruct mm, ulong start, ulong end)
    {
        ArgumentNullException.ThrowIfNull(mm);
        var sys = mm.System;
        if (sys.Oracle is not { } oracle)
        {
            return 0;
        }

        var before = oracle.Violations.Count;
        var ops = sys.Arch.Ops;
        var fmt = sys.Format;
        var mem = sys.Memory;
        var g = sys.Arch.Geometry;
        foreach (var vma in mm.Vmas)
        {
            if ((vma.Flags & VmFlags.Shared) != 0 || vma.End <= start || vma.Start >= end)
            {
                continue;
            }

            for (var va = Math.Max(start, vma.Start); va < Math.Min(end, vma.End); va += g.PageSize)
            {
                var table = mm.PageTable.Find(va);
                ulong pfn;
                if (table is null)
                {
                    if (!Operations.HugePmd.TryGetLeaf(mm, va, out _, out var pmd) || sys.Arch.PmdOps is not { } pmdOps
                        || !pmdOps.Present(pmd) || !pmdOps.Write(pmd))
                    {
                        va = RangeCheck(mm, va) - g.PageSize;
                        continue;
                    }

                    // A writable huge PMD: every page of it is checked like a writable PTE.
                    pfn = pmdOps.Pfn(pmd) + ((va & (pmdOps.PmdSize - 1)) >> g.PageShift);
                }
                else
                {
                    var pte = ops.PtepGet(table[g.PteIndex(va)]);
                    if (!fmt.Present(pte) || !fmt.Write(pte))
                    {
                        continue;
                    }

                    pfn = fmt.Pfn(pte);
                }

                var mapcount = mem.Mapcount(pfn);
                if (mapcount > 1)
                {
                    oracle.AddViolation(ViolationKind.Isolation, mm, va, pfn, string.Create(CultureInfo.InvariantCulture,
                        $"private page mapped writable here while mapped {mapcount} times"));
                }
                else if (!mem.AnonExclusive(pfn))
                {
                    oracle.AddViolation(ViolationKind.Permission, mm, va, pfn, "entry writable though its private page is not PageAnonExclusive");
                }
            }
        }

        return oracle.Violations.Count - before;
    }

    /// <summary>Every entry of every address space.</summary>
    public static int All(MmSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        var n = 0;
        foreach (var mm in system.Mms)
        {
            n += Range(mm, 0, ulong.MaxValue);
        }

        return n;
    }

    private static ulong RangeCheck(MmStruct mm, ulong va)
    {
        var size = mm.System.Arch.Geometry.PmdSize;
        var next = (va & ~(size - 1)) + size;
        return next == 0 ? ulong.MaxValue : next;
    }
}
