namespace ArchPgtable.Mm.Operations;

/// <summary>
/// Splits a PTE-mapped large folio into base pages: unmap every PTE of it (clear and flush each,
/// as migration entries do), split the memmap, remap each page with its old bits. On arm64 the
/// first clear of a contiguous block unfolds it.
/// </summary>
/// <remarks>Kernel: split_folio() → unmap_folio() (try_to_migrate with TTU_SPLIT_HUGE_PMD: split_huge_pmd_address(), then ptep_clear_flush() per PTE), __split_huge_page(), remap_page().</remarks>
public static class FolioSplitter
{
    /// <summary>Splits the folio containing <paramref name="pfn"/>, which <paramref name="mm"/> maps at <paramref name="va"/>; returns false (EBUSY) when the folio is locked or also mapped where this mm's page table does not show it.</summary>
    public static bool Split(MmStruct mm, ulong va, ulong pfn)
    {
        ArgumentNullException.ThrowIfNull(mm);
        var sys = mm.System;
        var mem = sys.Memory;
        var ops = sys.Ops;
        var fmt = sys.Format;
        var g = sys.Arch.Geometry;
        var folio = mem.FolioOf(pfn);
        if (folio.NrPages == 1)
        {
            return true;
        }

        if (mem.Test(folio.StartPfn, Memory.FolioFlags.Locked))
        {
            return false;
        }

        var folioVa = va - ((pfn - folio.StartPfn) << g.PageShift);
        if (sys.HasHugePmds && HugePmd.TryGetLeaf(mm, folioVa, out _, out var pmd) && sys.Arch.PmdOps!.Pfn(pmd) == folio.StartPfn)
        {
            // A PMD-mapped folio: unmap_folio() splits the PMD first (TTU_SPLIT_HUGE_PMD), then the PTEs are handled as below.
            HugePmd.Split(mm, folioVa);
        }

        var mapped = new List<(ulong Va, PtePointer Ptep)>(folio.NrPages);
        for (var i = 0; i < folio.NrPages; i++)
        {
            var pva = folioVa + ((ulong)i << g.PageShift);
            var table = mm.PageTable.Find(pva);
            if (table is null)
            {
                continue;
            }

            var ptep = table[g.PteIndex(pva)];
            var pte = ops.PtepGet(ptep);
            if (fmt.Present(pte) && fmt.Pfn(pte) == folio.StartPfn + (ulong)i)
            {
                mapped.Add((pva, ptep));
            }
        }

        if (mem.FolioMapcount(folio.StartPfn) != mapped.Count)
        {
            return false;
        }

        var saved = new Pte[mapped.Count];
        for (var i = 0; i < mapped.Count; i++)
        {
            saved[i] = ops.PtepGetAndClear(mm, mapped[i].Va, mapped[i].Ptep);
            mm.Tlb.FlushPage(mapped[i].Va);
        }

        mem.SplitFolio(folio.StartPfn);
        mm.Counters.FolioSplit(folio.StartPfn, folio.NrPages);
        for (var i = 0; i < mapped.Count; i++)
        {
            ops.SetPteAt(mm, mapped[i].Va, mapped[i].Ptep, saved[i]);
        }

        sys.Oracle?.Record(mm, folioVa, folioVa + ((ulong)folio.NrPages << g.PageShift), "split_folio");
        return true;
    }
}
