using System.Globalization;

namespace ArchPgtable.Mm.Oracle;

/// <summary>
/// The permission and isolation oracles on one store: it may complete only through an entry core mm made writable for
/// that process and page — the VMA is writable, the entry core mm sees now maps that page writable (not a stale TLB
/// entry), and a private page is PageAnonExclusive — and, on a private mapping, only to a page no other mapping shares.
/// </summary>
/// <remarks>Kernel: none; the invariants of mm/memory.c's COW handling (PageAnonExclusive, "a writable private anon PTE
/// maps an exclusive page", Documentation/mm/page_table_check.rst's "no page mapped writable and anon-shared").</remarks>
internal static class StoreAudit
{
    public static void Check(DataOracle oracle, MmStruct mm, ulong va, ulong pfn)
    {
        var sys = mm.System;
        var vma = mm.FindVma(va);
        if (vma is null || (vma.Flags & VmFlags.Write) == 0)
        {
            oracle.AddViolation(ViolationKind.Permission, mm, va, pfn, vma is null ? "store completed outside every VMA" : $"store completed in the non-writable VMA {vma}");
            return;
        }

        var fmt = sys.Format;
        var table = mm.PageTable.Find(va);
        if (table is null && Operations.HugePmd.TryGetLeaf(mm, va, out _, out var pmd))
        {
            // A huge PMD: the page is the leaf's PFN plus the offset in the PMD, writable as the leaf is.
            var ops = sys.Arch.PmdOps!;
            var page = ops.Pfn(pmd) + ((va & (ops.PmdSize - 1)) >> sys.Arch.Geometry.PageShift);
            if (!ops.Valid(pmd) || page != pfn || !ops.Write(pmd))
            {
                oracle.AddViolation(ViolationKind.Permission, mm, va, pfn, string.Create(CultureInfo.InvariantCulture,
                    $"store completed through an entry core mm has not made writable (the huge PMD now: {pmd}, {(ops.Write(pmd) ? "write" : "read-only")})"));
                return;
            }
        }
        else
        {
            var pte = table is null ? default : sys.Arch.Ops.PtepGet(table[sys.Arch.Geometry.PteIndex(va)]);
            if (table is null || !fmt.Present(pte) || fmt.Pfn(pte) != pfn || !fmt.Write(pte))
            {
                oracle.AddViolation(ViolationKind.Permission, mm, va, pfn, string.Create(CultureInfo.InvariantCulture,
                    $"store completed through an entry core mm has not made writable (the entry now: {(table is null ? "no table" : fmt.Describe(pte))})"));
                return;
            }
        }

        if ((vma.Flags & VmFlags.Shared) != 0)
        {
            return;
        }

        var mem = sys.Memory;
        var mapcount = mem.Mapcount(pfn);
        if (mapcount > 1)
        {
            oracle.AddViolation(ViolationKind.Isolation, mm, va, pfn, string.Create(CultureInfo.InvariantCulture,
                $"store to a private page mapped {mapcount} times: the other mapping sees it"));
        }
        else if (!mem.AnonExclusive(pfn))
        {
            oracle.AddViolation(ViolationKind.Permission, mm, va, pfn, "store to a private page that is not PageAnonExclusive (core mm never made it writable for this process)");
        }
    }
}
