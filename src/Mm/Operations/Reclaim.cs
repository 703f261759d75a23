using ArchPgtable.Mm.Memory;

namespace ArchPgtable.Mm.Operations;

/// <summary>
/// Reclaim of the folios mapped in a range of one address space (the folio list is built by a
/// page-table walk, as MGLRU does): referenced → kept; lazyfree and clean in every PTE
/// (gathered) → discarded; lazyfree but dirty → swap-backed again; anonymous → swapped out.
/// The walk reads entries through ptep_get(), as MGLRU's walk_pte_range() does.
/// </summary>
/// <remarks>Kernel: shrink_folio_list() → folio_referenced() (ptep_clear_flush_young()), try_to_unmap_one() (lazyfree: get_and_clear_full_ptes(), dirty check, set_ptes() restore).</remarks>
public static class Reclaim
{
    /// <summary>Reclaims every folio mapped in <c>[start, start+length)</c>; returns each folio's head and outcome.</summary>
    public static IReadOnlyList<(ulong Folio, ReclaimOutcome Outcome)> Range(MmStruct mm, ulong start, ulong length)
    {
        var end = RangeCheck.Range(mm, "reclaim", start, length);
        return Scan(mm, start, end, lazyfreeOnly: false, "reclaim");
    }

    /// <summary>Reclaims the folios mapped in <c>[start, end)</c> (a range inside VMAs); with <paramref name="lazyfreeOnly"/> every folio that is not lazyfree is left alone (not even aged).</summary>
    internal static List<(ulong Folio, ReclaimOutcome Outcome)> Scan(MmStruct mm, ulong start, ulong end, bool lazyfreeOnly, string what)
    {
        var sys = mm.System;
        var results = new List<(ulong, ReclaimOutcome)>();
        foreach (var (va, pfn) in FolioList(mm, start, end))
        {
            if (lazyfreeOnly && !(sys.Memory.Test(pfn, FolioFlags.Anon) && !sys.Memory.Test(pfn, FolioFlags.SwapBacked)))
            {
                continue;
            }

            if (sys.HasHugePmds && HugePmd.TryGetLeaf(mm, va, out var pmdp, out var pmd) && sys.Arch.PmdOps!.Pfn(pmd) == pfn)
            {
                // A PMD-mapped folio: referenced or lazyfree are decided at the PMD (a lazyfree THP is discarded whole);
                // any other is split and reclaimed page by page (shrink_folio_list(): split_folio_to_list()).
                if (HugePmd.Reclaim(mm, va, pmdp, pfn) is { } huge)
                {
                    results.Add((pfn, huge));
                    continue;
                }

                if (!FolioSplitter.Split(mm, va, pfn))
                {
                    results.Add((pfn, ReclaimOutcome.KeptBusy));
                    continue;
                }

                var pages = 1 << HugePmd.PmdOrder(sys);
                for (var i = 0; i < pages; i++)
                {
                    var page = pfn + (ulong)i;
                    results.Add((page, ReclaimFolio(mm, va + ((ulong)i << sys.Arch.Geometry.PageShift), page)));
                }

                continue;
            }

            var outcome = ReclaimFolio(mm, va, pfn);
            results.Add((sys.Memory.IsValid(pfn) ? pfn : 0, outcome));
        }

        sys.Oracle?.Record(mm, start, end, what);
        return results;
    }

    private static List<(ulong Va, ulong Head)> FolioList(MmStruct mm, ulong start, ulong end)
    {
        var sys = mm.System;
        var fmt = sys.Format;
        var g = sys.Arch.Geometry;
        var seen = new HashSet<ulong>();
        var list = new List<(ulong, ulong)>();
        for (var va = start; va < end; va += g.PageSize)
        {
            var table = mm.PageTable.Find(va);
            if (table is null)
            {
                if (sys.HasHugePmds && HugePmd.TryGetLeaf(mm, va, out _, out var pmd) && sys.Arch.PmdOps!.Present(pmd))
                {
                    var haddr = va & ~(g.PmdSize - 1);
                    var hhead = sys.Arch.PmdOps.Pfn(pmd);
                    if (seen.Add(hhead))
                    {
                        list.Add((haddr, hhead));
                    }
                }

                va = RangeCheck.PmdEnd(mm, va, end) - g.PageSize;
                continue;
            }

            // ptep_get, not the raw word: only the core-mm view says which page an entry maps
            // (a RISC-V NAPOT entry holds its range's encoded base, whichever page it is).
            var pte = sys.Ops.PtepGet(table[g.PteIndex(va)]);
            if (!fmt.Present(pte) || fmt.Pfn(pte) == sys.Memory.ZeroPfn)
            {
                continue;
            }

            var head = sys.Memory.HeadOf(fmt.Pfn(pte));
            if (seen.Add(head))
            {
                list.Add((va - ((fmt.Pfn(pte) - head) << g.PageShift), head));
            }
        }

        return list;
    }

    private static ReclaimOutcome ReclaimFolio(MmStruct mm, ulong folioVa, ulong head)
    {
        var sys = mm.System;
        var mem = sys.Memory;
        var ops = sys.Ops;
        var fmt = sys.Format;
        var g = sys.Arch.Geometry;
        var folio = mem.FolioOf(head);
        var runs = MappedRuns(mm, folioVa, folio);
        var mappedPages = runs.Sum(r => r.Nr);
        if (mem.Test(head, FolioFlags.Locked) || mem.FolioMapcount(head) != mappedPages)
        {
            return ReclaimOutcome.KeptBusy;
        }

        var referenced = mem.Test(head, FolioFlags.Referenced);
        mem.ClearFlags(head, FolioFlags.Referenced);
        foreach (var run in runs)
        {
            referenced |= ClearYoung(mm, run.Va, run.Ptep, run.Nr, sys.Options.Referenced, flush: true);
        }

        if (referenced)
        {
            sys.Stats.KeptReferenced++;
            return ReclaimOutcome.KeptReferenced;
        }

        var cleared = new Pte[runs.Count];
        var dirty = mem.Test(head, FolioFlags.Dirty);
        for (var r = 0; r < runs.Count; r++)
        {
            cleared[r] = ops.GetAndClearFullPtes(mm, runs[r].Va, runs[r].Ptep, runs[r].Nr, full: false);
            mm.Tlb.FlushRange(runs[r].Va, runs[r].Va + ((ulong)runs[r].Nr << g.PageShift), g.PageSize, lastLevel: true, sync: true);
            dirty |= fmt.Dirty(cleared[r]);
        }

        var lazyfree = mem.Test(head, FolioFlags.Anon) && !mem.Test(head, FolioFlags.SwapBacked);
        if (lazyfree && dirty)
        {
            for (var r = 0; r < runs.Count; r++)
            {
                ops.SetPtes(mm, runs[r].Va, runs[r].Ptep, cleared[r], runs[r].Nr);
            }

            mem.SetFlags(head, FolioFlags.SwapBacked);
            sys.Stats.Redirtied++;
            return ReclaimOutcome.Redirtied;
        }

        for (var r = 0; r < runs.Count; r++)
        {
            mem.AddMapcount(fmt.Pfn(cleared[r]), runs[r].Nr, -1);
        }

        if (lazyfree)
        {
            mem.FreeFolio(head);
            sys.Stats.Discarded++;
            return ReclaimOutcome.Discarded;
        }

        for (var r = 0; r < runs.Count; r++)
        {
            var run = runs[r];
            var pfn0 = fmt.Pfn(cleared[r]);
            for (var i = 0; i < run.Nr; i++)
            {
                var slot = sys.Swap.Store(mem.Version(pfn0 + (ulong)i));
                ops.SetPteAt(mm, run.Va + ((ulong)i << g.PageShift), run.Ptep + i, fmt.MkSwapEntry(slot));
            }

            sys.Stats.SwappedOut += run.Nr;
        }

        mem.FreeFolio(head);
        return ReclaimOutcome.SwappedOut;
    }

    /// <summary>Clears young on a batch of <paramref name="nr"/> entries of one folio; returns whether any was young.</summary>
    /// <remarks>Kernel: folio_referenced_one() — ptep_clear_flush_young() per entry before the series, clear_flush_young_ptes() after;
    /// the MGLRU walk's ptep_test_and_clear_young() / test_and_clear_young_ptes() without <paramref name="flush"/>.</remarks>
    internal static bool ClearYoung(MmStruct mm, ulong va, PtePointer ptep, int nr, ReferenceAlgorithm algorithm, bool flush)
    {
        var ops = mm.System.Ops;
        switch (algorithm)
        {
            case ReferenceAlgorithm.New:
                return flush ? ops.ClearFlushYoungPtes(mm, va, ptep, nr) : ops.TestAndClearYoungPtes(mm, va, ptep, nr);
            case ReferenceAlgorithm.NewFirstEntryOnly:
                return flush ? ops.ClearFlushYoungPtes(mm, va, ptep, 1) : ops.TestAndClearYoungPtes(mm, va, ptep, 1);
            default:
                var young = false;
                var pageShift = mm.System.Arch.Geometry.PageShift;
                for (var i = 0; i < nr; i++)
                {
                    var a = va + ((ulong)i << pageShift);
                    young |= flush ? ops.PtepClearFlushYoung(mm, a, ptep + i) : ops.PtepTestAndClearYoung(mm, a, ptep + i);
                }

                return young;
        }
    }

    private static List<(ulong Va, PtePointer Ptep, int Nr)> MappedRuns(MmStruct mm, ulong folioVa, FolioExtent folio)
    {
        var sys = mm.System;
        var ops = sys.Ops;
        var fmt = sys.Format;
        var g = sys.Arch.Geometry;
        var runs = new List<(ulong, PtePointer, int)>();
        for (var i = 0; i < folio.NrPages;)
        {
            var va = folioVa + ((ulong)i << g.PageShift);
            var table = mm.PageTable.Find(va);
            if (table is null)
            {
                i++;
                continue;
            }

            var ptep = table[g.PteIndex(va)];
            var pte = ops.PtepGet(ptep);
            if (!fmt.Present(pte) || fmt.Pfn(pte) != folio.StartPfn + (ulong)i)
            {
                i++;
                continue;
            }

            // One batch stays inside one VMA and one PTE table, and keeps entries of one write permission together: the
            // lazyfree restore below writes the batch back with set_ptes() from its first entry.
            var vma = mm.FindVma(va);
            var max = (int)Math.Min((ulong)Math.Min(folio.NrPages - i, ptep.EntriesToTableEnd), vma is null ? 1 : (vma.End - va) >> g.PageShift);
            var first = pte;
            var nr = folio.NrPages > 1 && max > 1 ? FolioPteBatch.BatchFlags(ops, folio, ptep, ref first, max, FpbFlags.RespectWrite) : 1;
            runs.Add((va, ptep, nr));
            i += nr;
        }

        return runs;
    }
}
