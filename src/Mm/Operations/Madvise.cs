using System.Runtime.CompilerServices;
using ArchPgtable.Mm.Memory;

namespace ArchPgtable.Mm.Operations;

/// <summary>madvise() advice that walks PTEs: MADV_FREE (old and new algorithms) and MADV_COLD.</summary>
/// <remarks>Kernel: mm/madvise.c — madvise_free_pte_range(), madvise_cold_or_pageout_pte_range().</remarks>
public static class Madvise
{
    /// <summary>MADV_FREE: mark the range's anonymous pages lazily freeable; reclaim may then discard clean ones instead of swapping them.</summary>
    /// <remarks>Kernel: madvise(MADV_FREE) → madvise_free_single_vma() → madvise_free_pte_range()</remarks>
    public static void Free(MmStruct mm, ulong start, ulong length, MadviseFreeAlgorithm algorithm)
    {
        var end = RangeCheck.Range(mm, "madvise(MADV_FREE)", start, length);
        var gather = new MmuGather(mm);
        for (var addr = start; addr < end;)
        {
            var next = RangeCheck.PmdEnd(mm, addr, end);
            var table = mm.PageTable.Find(addr);
            if (table is null && mm.System.HasHugePmds && !HugePmd.MadviseFree(mm, gather, addr, next))
            {
                table = mm.PageTable.Find(addr); // part of a PMD: the folio was split, the PTE path handles the range
            }

            if (table is not null)
            {
                if (algorithm == MadviseFreeAlgorithm.New)
                {
                    FreeNew(mm, gather, table, addr, next);
                }
                else
                {
                    FreeOld(mm, gather, table, addr, next);
                }
            }

            addr = next;
        }

        gather.Finish();
        mm.System.Oracle?.Record(mm, start, end, $"madvise(MADV_FREE, {algorithm.ToString().ToLowerInvariant()})");
        mm.System.Oracle?.AllowZero(mm, start, end);
    }

    /// <summary>MADV_COLD: deactivate the range's folios, clearing young (only) on every PTE.</summary>
    /// <remarks>Kernel: madvise(MADV_COLD) → madvise_cold_or_pageout_pte_range(pageout = false)</remarks>
    public static void Cold(MmStruct mm, ulong start, ulong length)
    {
        var end = RangeCheck.Range(mm, "madvise(MADV_COLD)", start, length);
        var sys = mm.System;
        var ops = sys.Ops;
        var fmt = sys.Format;
        var mem = sys.Memory;
        var g = sys.Arch.Geometry;
        var gather = new MmuGather(mm);
        for (var chunk = start; chunk < end;)
        {
            var next = RangeCheck.PmdEnd(mm, chunk, end);
            var table = mm.PageTable.Find(chunk);
            if (table is null && sys.HasHugePmds && HugePmd.TryGetLeaf(mm, chunk, out var pmdp, out var pmd))
            {
                if (next - chunk == g.PmdSize)
                {
                    HugePmd.Cold(mm, gather, chunk, pmdp, pmd);
                    chunk = next;
                    continue;
                }

                // Part of a PMD: split_folio() (a folio mapped elsewhere too is left alone), then the PTE path.
                var head = sys.Arch.PmdOps!.Pfn(pmd);
                if (mem.FolioMapcount(head) == 1 << HugePmd.PmdOrder(sys))
                {
                    FolioSplitter.Split(mm, chunk, head + ((chunk - (chunk & ~(g.PmdSize - 1))) >> g.PageShift));
                }

                table = mm.PageTable.Find(chunk);
            }

            for (var addr = chunk; table is not null && addr < next;)
            {
                var ptep = table[g.PteIndex(addr)];
                var nr = 1;
                var ptent = ops.PtepGet(ptep);
                if (fmt.Present(ptent) && fmt.Pfn(ptent) != mem.ZeroPfn)
                {
                    var folio = mem.FolioOf(fmt.Pfn(ptent));
                    if (folio.NrPages > 1)
                    {
                        nr = FolioPteBatch.Batch(ops, folio, ptep, ptent, (int)((next - addr) >> g.PageShift), ignoreDirty: true, out var any);
                        if (nr < folio.NrPages)
                        {
                            if (mem.Mapcount(fmt.Pfn(ptent)) > 1 || !FolioSplitter.Split(mm, addr, fmt.Pfn(ptent)))
                            {
                                addr += (ulong)nr << g.PageShift;
                                continue;
                            }

                            continue;
                        }

                        if (any.Young)
                        {
                            ptent = fmt.MkYoung(ptent);
                        }
                    }

                    sys.Stats.MadviseFolios++;
                    sys.Stats.MadvisePtes += nr;
                    if (mem.FolioMapcount(folio.StartPfn) == folio.NrPages && fmt.Young(ptent))
                    {
                        ops.ClearYoungDirtyPtes(mm, addr, ptep, nr, CydpFlags.Young);
                        gather.RemoveTlbEntries(addr, nr);
                    }

                    mem.ClearFlags(folio.StartPfn, FolioFlags.Referenced);
                }

                addr += (ulong)nr << g.PageShift;
            }

            chunk = next;
        }

        gather.Finish();
        sys.Oracle?.Record(mm, start, end, "madvise(MADV_COLD)");
    }

    private static void FreeNew(MmStruct mm, MmuGather gather, PteTable table, ulong addr, ulong end)
    {
        var sys = mm.System;
        var ops = sys.Ops;
        var fmt = sys.Format;
        var mem = sys.Memory;
        var stats = sys.Stats;
        var zeroPfn = mem.ZeroPfn;
        var pageShift = sys.Arch.Geometry.PageShift;
        var index = sys.Arch.Geometry.PteIndex(addr);
        while (addr < end)
        {
            var ptep = table[index];
            var ptent = ops.PtepGet(ptep);
            var pfn = fmt.Present(ptent) ? fmt.Pfn(ptent) : zeroPfn;
            if (pfn == zeroPfn)
            {
                // Not present, or the zero page; a swap entry (not present) has its slot freed and is cleared.
                ClearIfSwap(mm, addr, ptep, ptent);
                addr += 1UL << pageShift;
                index++;
                continue;
            }

            var folio = mem.FolioOf(pfn);
            var nr = 1;
            var anyYoungOrDirty = false;
            if (folio.NrPages > 1)
            {
                nr = FolioPteBatch.Batch(ops, folio, ptep, ptent, (int)((end - addr) >> pageShift), ignoreDirty: true, out var any);
                if (nr < folio.NrPages)
                {
                    // Mapped in part: split it and go again from the same entry, or skip the batch.
                    nr = SplitOrSkip(mm, addr, pfn, nr);
                    addr += (ulong)nr << pageShift;
                    index += nr;
                    continue;
                }

                // The kernel folds any_young/any_dirty into ptent (pte_mkyoung()/pte_mkdirty()) only for
                // the pte_young() || pte_dirty() test below; as pte_young(pte_mkyoung(x)) and
                // pte_dirty(pte_mkdirty(x)) hold for every format, testing the flags is the same test.
                anyYoungOrDirty = any.Young || any.Dirty;
            }

            stats.MadvisePtes += nr;
            if (MarkFolio(mem, stats, folio, out var flags))
            {
                if (anyYoungOrDirty || fmt.Young(ptent) || fmt.Dirty(ptent))
                {
                    ops.ClearYoungDirtyPtes(mm, addr, ptep, nr, CydpFlags.Young | CydpFlags.Dirty);
                    gather.RemoveTlbEntries(addr, nr);
                }

                MarkLazyfree(mem, stats, folio, flags);
            }

            addr += (ulong)nr << pageShift;
            index += nr;
        }
    }

    /// <summary>
    /// A large folio only partly mapped by the batch: split it unless it is mapped elsewhere or locked (0: the caller
    /// goes again from the same entry, now a small folio's), else skip the batch (<paramref name="nr"/>).
    /// </summary>
    /// <remarks>Kernel: the folio_likely_mapped_shared() / folio_trylock() / split_folio() branch of madvise_free_pte_range()</remarks>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int SplitOrSkip(MmStruct mm, ulong addr, ulong pfn, int nr)
    {
        var mem = mm.System.Memory;
        return mem.Mapcount(pfn) > 1 || mem.Test(pfn, FolioFlags.Locked) || !FolioSplitter.Split(mm, addr, pfn) ? nr : 0;
    }

    private static void FreeOld(MmStruct mm, MmuGather gather, PteTable table, ulong addr, ulong end)
    {
        var sys = mm.System;
        var ops = sys.Ops;
        var fmt = sys.Format;
        var mem = sys.Memory;
        var g = sys.Arch.Geometry;
        while (addr < end)
        {
            var ptep = table[g.PteIndex(addr)];
            var ptent = ops.PtepGet(ptep);
            if (ClearIfSwap(mm, addr, ptep, ptent) || !fmt.Present(ptent) || fmt.Pfn(ptent) == mem.ZeroPfn)
            {
                addr += g.PageSize;
                continue;
            }

            var pfn = fmt.Pfn(ptent);
            var folio = mem.FolioOf(pfn);
            if (folio.NrPages > 1)
            {
                if (mem.Mapcount(pfn) > 1 || mem.Test(pfn, FolioFlags.Locked) || !FolioSplitter.Split(mm, addr, pfn))
                {
                    return;
                }

                continue;
            }

            sys.Stats.MadvisePtes++;
            if (MarkFolio(mem, sys.Stats, folio, out var flags))
            {
                if (fmt.Young(ptent) || fmt.Dirty(ptent))
                {
                    var old = ops.PtepGetAndClearFull(mm, addr, ptep, full: false);
                    ops.SetPteAt(mm, addr, ptep, fmt.MkClean(fmt.MkOld(old)));
                    gather.RemoveTlbEntries(addr, 1);
                }

                MarkLazyfree(mem, sys.Stats, folio, flags);
            }

            addr += g.PageSize;
        }
    }

    /// <summary>
    /// The folio-flag part of MADV_FREE: a dirty or swap-cache folio must be exclusively mapped and
    /// have its dirty flag cleared; false to skip it. <paramref name="flags"/> is the folio's flags
    /// afterwards, for <see cref="MarkLazyfree"/>.
    /// </summary>
    private static bool MarkFolio(PhysicalMemory mem, MmStats stats, FolioExtent folio, out FolioFlags flags)
    {
        stats.MadviseFolios++;
        flags = mem.Flags(folio);
        if ((flags & (FolioFlags.SwapCache | FolioFlags.Dirty)) != 0)
        {
            if ((flags & FolioFlags.Locked) != 0 || mem.FolioMapcount(folio.StartPfn) != folio.NrPages)
            {
                return false;
            }

            mem.ClearFlags(folio, FolioFlags.SwapCache | FolioFlags.Dirty);
            flags &= ~(FolioFlags.SwapCache | FolioFlags.Dirty);
        }

        return true;
    }

    /// <summary>Marks the folio lazyfree given its current <paramref name="flags"/> (as <see cref="MarkFolio"/> left them; nothing in between changes them).</summary>
    /// <remarks>Kernel: folio_mark_lazyfree()</remarks>
    private static void MarkLazyfree(PhysicalMemory mem, MmStats stats, FolioExtent folio, FolioFlags flags)
    {
        if ((flags & FolioFlags.Anon) != 0 && (flags & FolioFlags.SwapBacked) != 0 && (flags & FolioFlags.SwapCache) == 0)
        {
            mem.ClearFlags(folio, FolioFlags.SwapBacked);
            stats.LazyfreeFolios++;
        }
    }

    /// <summary>A swap entry in a MADV_FREE range is freed and cleared: the page's content is discarded.</summary>
    private static bool ClearIfSwap(MmStruct mm, ulong addr, PtePointer ptep, Pte ptent)
    {
        var fmt = mm.System.Format;
        if (!fmt.IsSwapEntry(ptent))
        {
            return false;
        }

        mm.System.Swap.Free(fmt.SwapOffset(ptent));
        mm.System.Ops.PtepGetAndClearFull(mm, addr, ptep, full: false);
        return true;
    }
}
