using ArchPgtable.Mm.Memory;

namespace ArchPgtable.Mm.Operations;

/// <summary>munmap(): remove a range's mappings in folio batches, flush once, then free what is no longer mapped.</summary>
/// <remarks>Kernel: do_vmi_munmap() → unmap_region() → zap_pte_range() → zap_present_ptes() (get_and_clear_full_ptes()), tlb_finish_mmu().</remarks>
public static class Munmap
{
    /// <summary>Unmaps <c>[start, start+length)</c>.</summary>
    public static void Run(MmStruct mm, ulong start, ulong length)
    {
        var end = RangeCheck.Range(mm, "munmap", start, length);
        var sys = mm.System;
        var ops = sys.Ops;
        var fmt = sys.Format;
        var mem = sys.Memory;
        var g = sys.Arch.Geometry;
        var gather = new MmuGather(mm);
        var freed = new HashSet<ulong>();
        for (var chunk = start; chunk < end;)
        {
            var next = RangeCheck.PmdEnd(mm, chunk, end);
            var table = mm.PageTable.Find(chunk);
            if (table is null && sys.HasHugePmds && HugePmd.TryGetLeaf(mm, chunk, out var pmdp, out _))
            {
                // zap_pmd_range(): the whole PMD → zap_huge_pmd(); part of it → __split_huge_pmd(), then the PTE zap.
                if (next - chunk == g.PmdSize)
                {
                    HugePmd.Zap(mm, gather, chunk, pmdp, freed);
                    chunk = next;
                    continue;
                }

                HugePmd.Split(mm, chunk);
                table = mm.PageTable.Find(chunk);
            }

            for (var addr = chunk; table is not null && addr < next;)
            {
                var ptep = table[g.PteIndex(addr)];
                var pte = ops.PtepGet(ptep);
                var nr = 1;
                if (pte.IsNone)
                {
                    addr += g.PageSize;
                    continue;
                }

                if (!fmt.Present(pte))
                {
                    if (fmt.IsSwapEntry(pte))
                    {
                        sys.Swap.Free(fmt.SwapOffset(pte));
                    }

                    ops.PtepGetAndClearFull(mm, addr, ptep, full: false);
                    addr += g.PageSize;
                    continue;
                }

                var pfn = fmt.Pfn(pte);
                if (pfn == mem.ZeroPfn)
                {
                    ops.PtepGetAndClearFull(mm, addr, ptep, full: false);
                    gather.RemoveTlbEntries(addr, 1);
                    addr += g.PageSize;
                    continue;
                }

                var folio = mem.FolioOf(pfn);
                if (folio.NrPages > 1)
                {
                    nr = FolioPteBatch.Batch(ops, folio, ptep, pte, (int)((next - addr) >> g.PageShift), ignoreDirty: true, out _);
                }

                var old = ops.GetAndClearFullPtes(mm, addr, ptep, nr, full: false);
                if (fmt.Dirty(old))
                {
                    mem.SetFlags(pfn, FolioFlags.Dirty);
                }

                if (fmt.Young(old))
                {
                    mem.SetFlags(pfn, FolioFlags.Referenced);
                }

                mem.AddMapcount(pfn, nr, -1);
                gather.RemoveTlbEntries(addr, nr);
                if (mem.FolioMapcount(pfn) == 0 && freed.Add(folio.StartPfn))
                {
                    gather.RemoveFolio(folio.StartPfn);
                }

                addr += (ulong)nr << g.PageShift;
            }

            chunk = next;
        }

        gather.Finish();
        mm.RemoveRange(start, end);
        sys.Oracle?.Record(mm, start, end, "munmap");
        sys.Oracle?.Forget(mm, start, end);
    }
}
