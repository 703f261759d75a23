namespace ArchPgtable.Mm.Operations;

/// <summary>
/// An MGLRU-style aging walk over a range: every present entry's young bit is tested and cleared (no TLB flush, as
/// MGLRU's walk does), batched per folio or per entry, and a folio found young is marked referenced, so the next
/// reclaim keeps it.
/// </summary>
/// <remarks>Kernel: lru_gen_look_around() / walk_pte_range() (mm/vmscan.c) → ptep_test_and_clear_young() per entry, or
/// test_and_clear_young_ptes() on a folio_pte_batch() batch (Baolin Wang, 2026); folio_update_gen() / folio_activate().</remarks>
public static class AgingWalk
{
    /// <summary>Ages <c>[start, start+length)</c>; returns the number of folios found young.</summary>
    public static int Run(MmStruct mm, ulong start, ulong length, ReferenceAlgorithm algorithm)
    {
        var end = RangeCheck.Range(mm, "aging walk", start, length);
        var sys = mm.System;
        var ops = sys.Ops;
        var fmt = sys.Format;
        var mem = sys.Memory;
        var g = sys.Arch.Geometry;
        var young = new HashSet<ulong>();
        for (var chunk = start; chunk < end;)
        {
            var next = RangeCheck.PmdEnd(mm, chunk, end);
            var table = mm.PageTable.Find(chunk);
            if (table is null && sys.HasHugePmds && HugePmd.TryGetLeaf(mm, chunk, out var pmdp, out var pmd) && sys.Arch.PmdOps!.Present(pmd))
            {
                // walk_pmd_range_locked(): pmdp_test_and_clear_young() on the huge PMD, no flush.
                var head = sys.Arch.PmdOps.Pfn(pmd);
                if (HugePmd.ClearYoung(mm, chunk & ~(g.PmdSize - 1), pmdp, flush: false))
                {
                    mem.SetFlags(head, Memory.FolioFlags.Referenced);
                    young.Add(head);
                }

                chunk = next;
                continue;
            }

            for (var addr = chunk; table is not null && addr < next;)
            {
                var ptep = table[g.PteIndex(addr)];
                var pte = ops.PtepGet(ptep);
                var nr = 1;
                if (!fmt.Present(pte) || fmt.Pfn(pte) == mem.ZeroPfn || !mm.TryGetFolio(fmt.Pfn(pte), out var folio))
                {
                    addr += g.PageSize;
                    continue;
                }

                var max = (int)((Math.Min(next, VmaEnd(mm, addr)) - addr) >> g.PageShift);
                if (algorithm != ReferenceAlgorithm.Old && folio.NrPages > 1 && max > 1)
                {
                    nr = FolioPteBatch.Batch(ops, folio, ptep, pte, max);
                }

                if (Reclaim.ClearYoung(mm, addr, ptep, nr, algorithm, flush: false))
                {
                    mem.SetFlags(folio.StartPfn, Memory.FolioFlags.Referenced);
                    young.Add(folio.StartPfn);
                }

                addr += (ulong)nr << g.PageShift;
            }

            chunk = next;
        }

        sys.Oracle?.Record(mm, start, end, $"aging walk ({algorithm.ToString().ToLowerInvariant()})");
        return young.Count;
    }

    private static ulong VmaEnd(MmStruct mm, ulong addr) => mm.FindVma(addr)?.End ?? addr + mm.System.Arch.Geometry.PageSize;
}
