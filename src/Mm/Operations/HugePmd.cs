using System.Globalization;
using ArchPgtable.Hardware;
using ArchPgtable.Mm.Memory;

namespace ArchPgtable.Mm.Operations;

/// <summary>
/// PMD-mapped THPs in the engine: the huge anonymous fault, <c>split_huge_pmd</c>, and each core-mm path's PMD branch
/// (<c>zap_huge_pmd</c>, <c>madvise_free_huge_pmd</c>, <c>copy_huge_pmd</c>, <c>change_huge_pmd</c>, <c>move_huge_pmd</c>,
/// reclaim's <c>pmdp_clear_flush_young</c> and the lazyfree discard without a split), all through the arch's
/// <see cref="PmdOps"/>. A PMD-mapped folio counts one mapping on every page (as a PTE mapping does), so the folio-level
/// checks (mapped once, exclusive) read the same for both mappings.
/// </summary>
/// <remarks>Kernel: mm/huge_memory.c</remarks>
public static class HugePmd
{
    /// <summary>Kernel: CONFIG_TRANSPARENT_HUGEPAGE.</summary>
    private const string TransparentHugepage = "CONFIG_TRANSPARENT_HUGEPAGE";

    /// <summary>The folio order a leaf PMD maps on <paramref name="sys"/> (HPAGE_PMD_ORDER).</summary>
    public static int PmdOrder(MmSystem sys)
    {
        ArgumentNullException.ThrowIfNull(sys);
        return System.Numerics.BitOperations.Log2((uint)sys.Arch.Geometry.PtrsPerPte);
    }

    /// <summary>True when a fault may map a PMD-order folio with one leaf PMD: the arch has PMD helpers, THP is configured, the
    /// policy enables the PMD order, <see cref="MmOptions.PmdMapping"/> is on and the buddy allocator has that order.</summary>
    /// <remarks>Kernel: thp_vma_allowable_order(vma, vm_flags, TVA_PAGEFAULT, PMD_ORDER)</remarks>
    public static bool Enabled(MmSystem sys)
    {
        ArgumentNullException.ThrowIfNull(sys);
        var order = PmdOrder(sys);
        return sys.Arch.PmdOps is not null && sys.Options.PmdMapping && sys.Arch.Config.Get(TransparentHugepage) != "n"
            && sys.Options.Thp.IsEnabled(order) && order <= sys.Memory.MaxPageOrder;
    }

    /// <summary>The PMD slot and (counted) entry of a huge leaf mapping <paramref name="va"/>; false when no leaf maps it.</summary>
    /// <remarks>Kernel: pmd_trans_huge(pmdp_get(pmd))</remarks>
    public static bool TryGetLeaf(MmStruct mm, ulong va, out PtePointer pmdp, out Pmd pmd)
    {
        ArgumentNullException.ThrowIfNull(mm);
        pmdp = default;
        pmd = default;
        if (mm.PageTable.PeekHuge(va).IsNone || mm.System.Arch.PmdOps is not { } ops)
        {
            return false;
        }

        pmdp = mm.PageTable.FindPmd(va)!.Value;
        pmd = ops.PmdpGet(pmdp);
        return true;
    }

    /// <summary>
    /// A fault at <paramref name="addr"/> where a huge PMD maps or may map: maps a PMD-order folio into an empty, aligned PMD
    /// range of the VMA, or resolves an access-flag / dirty / write-protect fault on the leaf. False when the PTE path must
    /// handle it (no PMD mapping possible or the allocation failed: fallback; or the leaf was split for a copy-on-write).
    /// </summary>
    /// <remarks>Kernel: __handle_mm_fault() → create_huge_pmd() (do_huge_pmd_anonymous_page()), huge_pmd_set_accessed(), do_huge_pmd_wp_page().</remarks>
    internal static bool HandleFault(MmStruct mm, Vma vma, ulong addr, MemoryAccess access, List<string>? trace)
    {
        var sys = mm.System;
        if (sys.Arch.PmdOps is not { } ops)
        {
            return false;
        }

        var haddr = addr & ~(ops.PmdSize - 1);
        if (!TryGetLeaf(mm, addr, out var pmdp, out var pmd))
        {
            return mm.PageTable.Find(addr) is null && Enabled(sys) && haddr >= vma.Start && haddr + ops.PmdSize <= vma.End
                && AnonymousPage(mm, vma, haddr, trace);
        }

        if (!ops.Valid(pmd))
        {
            return true; // being split or changed by another thread: retry the access
        }

        if (access == MemoryAccess.Write && !ops.Write(pmd))
        {
            return WpPage(mm, vma, haddr, pmdp, pmd, trace);
        }

        var entry = ops.MkYoung(pmd);
        if (access == MemoryAccess.Write)
        {
            entry = ops.MkDirty(entry);
        }

        var changed = ops.PmdpSetAccessFlags(mm, haddr, pmdp, entry, access == MemoryAccess.Write);
        trace?.Add(string.Create(CultureInfo.InvariantCulture, $"pmdp_set_access_flags(0x{haddr:x}, entry={entry}, dirty={(access == MemoryAccess.Write ? 1 : 0)}) = {(changed ? 1 : 0)}"));
        return true;
    }

    /// <remarks>Kernel: do_huge_pmd_anonymous_page() → __do_huge_pmd_anonymous_page() → map_anon_folio_pmd() (the huge zero page is not modelled: a read fault maps a THP too)</remarks>
    private static bool AnonymousPage(MmStruct mm, Vma vma, ulong haddr, List<string>? trace)
    {
        var sys = mm.System;
        var ops = sys.Arch.PmdOps!;
        var mem = sys.Memory;
        var order = PmdOrder(sys);
        if (!mem.TryAllocFolio(order, FolioFlags.Anon | FolioFlags.SwapBacked, out var head))
        {
            sys.Stats.ThpFaultFallbacks++;
            return false; // VM_FAULT_FALLBACK: the PTE path tries the smaller orders, then a base page with reclaim
        }

        var nr = 1 << order;
        mem.AddMapcount(head, nr, +1);
        mem.SetAnonExclusive(head, nr, true);
        sys.Stats.AnonFolios++;
        sys.Stats.ThpFaults++;
        var entry = ops.PfnPmd(head, vma.PageProt);
        if ((vma.Flags & VmFlags.Write) != 0)
        {
            entry = MkWrite(sys, ops.MkDirty(entry));
        }

        sys.HasHugePmds = true;
        var pmdp = mm.PageTable.PmdPointer(haddr);
        ops.SetPmdAt(mm, haddr, pmdp, entry);
        trace?.Add(string.Create(CultureInfo.InvariantCulture, $"set_pmd_at(0x{haddr:x}, {entry})"));
        return true;
    }

    /// <remarks>Kernel: do_huge_pmd_wp_page(): reuse an exclusive (or only-mapped) folio; otherwise __split_huge_pmd() and VM_FAULT_FALLBACK (the PTE path copies the page)</remarks>
    private static bool WpPage(MmStruct mm, Vma vma, ulong haddr, PtePointer pmdp, Pmd pmd, List<string>? trace)
    {
        var sys = mm.System;
        var ops = sys.Arch.PmdOps!;
        var mem = sys.Memory;
        var head = ops.Pfn(pmd);
        var nr = 1 << PmdOrder(sys);
        if (mem.AnonExclusive(head) || (mem.FolioMapcount(head) == nr && !mem.Test(head, FolioFlags.SwapCache)))
        {
            mem.SetAnonExclusive(head, nr, true);
            var entry = MkWrite(sys, ops.MkDirty(ops.MkYoung(pmd)));
            var changed = ops.PmdpSetAccessFlags(mm, haddr, pmdp, entry, dirty: true);
            trace?.Add(string.Create(CultureInfo.InvariantCulture, $"do_huge_pmd_wp_page reuse: pmdp_set_access_flags(0x{haddr:x}, entry={entry}, dirty=1) = {(changed ? 1 : 0)}"));
            return true;
        }

        _ = vma;
        Split(mm, haddr);
        trace?.Add(string.Create(CultureInfo.InvariantCulture, $"do_huge_pmd_wp_page: __split_huge_pmd(0x{haddr:x}), VM_FAULT_FALLBACK"));
        return false;
    }

    /// <summary>
    /// Splits the huge PMD mapping <paramref name="va"/> (if one does) into a PTE table mapping the same folio with the same
    /// write, young and dirty bits; the folio itself stays whole (PTE-mapped). Returns whether a leaf was split.
    /// </summary>
    /// <remarks>Kernel: split_huge_pmd() → __split_huge_pmd_locked(): pmdp_invalidate(), then the deposited table filled with
    /// set_ptes() (arm64: contpte folds the blocks) and pmd_populate().</remarks>
    public static bool Split(MmStruct mm, ulong va)
    {
        ArgumentNullException.ThrowIfNull(mm);
        if (!TryGetLeaf(mm, va, out var pmdp, out _))
        {
            return false;
        }

        var sys = mm.System;
        var ops = sys.Arch.PmdOps!;
        var fmt = sys.Format;
        var haddr = va & ~(ops.PmdSize - 1);
        var vma = mm.FindVma(haddr) ?? mm.FindVma(va) ?? throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"split_huge_pmd: no VMA maps 0x{haddr:x}."));
        var old = ops.PmdpInvalidate(mm, haddr, pmdp);
        var entry = fmt.PfnPte(ops.Pfn(old), vma.PageProt);
        entry = ops.Write(old) ? fmt.MkWrite(entry) : fmt.WrProtect(entry);
        entry = ops.Young(old) ? fmt.MkYoung(entry) : fmt.MkOld(entry);
        if (ops.Dirty(old))
        {
            entry = fmt.MkDirty(entry);
        }

        var table = mm.PageTable.NewTable(haddr);
        sys.Ops.SetPtes(mm, haddr, table[0], entry, table.Count);
        pmdp.Write(Pte.None);
        mm.PageTable.AttachTable(haddr, table);
        sys.Stats.PmdSplits++;
        sys.Oracle?.Record(mm, haddr, haddr + ops.PmdSize, "split_huge_pmd");
        return true;
    }

    /// <summary>Splits every huge PMD that <c>[start, end)</c> covers only in part.</summary>
    /// <remarks>Kernel: vma_adjust_trans_huge() / the <c>next - addr != HPAGE_PMD_SIZE</c> branches of the page-table walkers</remarks>
    internal static void SplitPartial(MmStruct mm, ulong start, ulong end)
    {
        if (!mm.System.HasHugePmds)
        {
            return;
        }

        var size = mm.System.Arch.Geometry.PmdSize;
        if ((start & (size - 1)) != 0)
        {
            Split(mm, start);
        }

        if ((end & (size - 1)) != 0 && (end & ~(size - 1)) + size > start)
        {
            Split(mm, end - 1);
        }
    }

    /// <summary>Unmaps the whole huge PMD at <paramref name="haddr"/>: clears it, records the folio's dirty/referenced state, drops its mapping and frees it after the flush when unmapped.</summary>
    /// <remarks>Kernel: zap_huge_pmd() → pmdp_huge_get_and_clear_full(), tlb_remove_pmd_tlb_entry(), folio_remove_rmap_pmd()</remarks>
    internal static void Zap(MmStruct mm, MmuGather gather, ulong haddr, PtePointer pmdp, HashSet<ulong> freed)
    {
        var sys = mm.System;
        var ops = sys.Arch.PmdOps!;
        var mem = sys.Memory;
        var old = ops.PmdpHugeGetAndClearFull(mm, haddr, pmdp, full: false);
        var head = ops.Pfn(old);
        var nr = 1 << PmdOrder(sys);
        if (ops.Dirty(old))
        {
            mem.SetFlags(head, FolioFlags.Dirty);
        }

        if (ops.Young(old))
        {
            mem.SetFlags(head, FolioFlags.Referenced);
        }

        mem.AddMapcount(head, nr, -1);
        gather.RemovePmdTlbEntry(haddr);
        if (mem.FolioMapcount(head) == 0 && freed.Add(head))
        {
            gather.RemoveFolio(head);
        }
    }

    /// <summary>
    /// MADV_FREE on the huge PMD at <paramref name="addr"/>: over the whole PMD, the folio is made clean and old at the PMD
    /// and marked lazyfree, without a split; over part of it, the folio is split (then the PTE path handles the range) and
    /// false is returned. A folio mapped elsewhere too, or locked, is skipped.
    /// </summary>
    /// <remarks>Kernel: madvise_free_huge_pmd(): pmdp_invalidate() → pmd_mkold() + pmd_mkclean() → set_pmd_at(), tlb_remove_pmd_tlb_entry(), folio_mark_lazyfree(); split_folio() for part of a PMD</remarks>
    internal static bool MadviseFree(MmStruct mm, MmuGather gather, ulong addr, ulong next)
    {
        var sys = mm.System;
        var ops = sys.Arch.PmdOps!;
        var mem = sys.Memory;
        if (!TryGetLeaf(mm, addr, out var pmdp, out var orig))
        {
            return false;
        }

        var haddr = addr & ~(ops.PmdSize - 1);
        var head = ops.Pfn(orig);
        var folio = mem.FolioOf(head);
        if (mem.FolioMapcount(head) != folio.NrPages || mem.Test(head, FolioFlags.Locked))
        {
            return true; // folio_maybe_mapped_shared() or !folio_trylock(): skipped
        }

        if (next - addr != ops.PmdSize)
        {
            FolioSplitter.Split(mm, addr, head + ((addr - haddr) >> sys.Arch.Geometry.PageShift));
            return false;
        }

        sys.Stats.MadviseFolios++;
        mem.ClearFlags(folio, FolioFlags.Dirty);
        if (ops.Young(orig) || ops.Dirty(orig))
        {
            ops.PmdpInvalidate(mm, haddr, pmdp);
            ops.SetPmdAt(mm, haddr, pmdp, ops.MkClean(ops.MkOld(orig)));
            gather.RemovePmdTlbEntry(haddr);
        }

        var flags = mem.Flags(folio);
        if ((flags & FolioFlags.Anon) != 0 && (flags & FolioFlags.SwapBacked) != 0 && (flags & FolioFlags.SwapCache) == 0)
        {
            mem.ClearFlags(folio, FolioFlags.SwapBacked);
            sys.Stats.LazyfreeFolios++;
        }

        return true;
    }

    /// <summary>MADV_COLD on the whole huge PMD at <paramref name="haddr"/>: old at the PMD (when young and mapped once), the folio not referenced.</summary>
    /// <remarks>Kernel: madvise_cold_or_pageout_pte_range() on a trans-huge PMD: pmdp_invalidate() → pmd_mkold() → set_pmd_at(), tlb_remove_pmd_tlb_entry()</remarks>
    internal static void Cold(MmStruct mm, MmuGather gather, ulong haddr, PtePointer pmdp, Pmd orig)
    {
        var sys = mm.System;
        var ops = sys.Arch.PmdOps!;
        var mem = sys.Memory;
        var head = ops.Pfn(orig);
        var nr = 1 << PmdOrder(sys);
        if (mem.FolioMapcount(head) != nr)
        {
            return;
        }

        sys.Stats.MadviseFolios++;
        if (ops.Young(orig))
        {
            ops.PmdpInvalidate(mm, haddr, pmdp);
            ops.SetPmdAt(mm, haddr, pmdp, ops.MkOld(orig));
            gather.RemovePmdTlbEntry(haddr);
        }

        mem.ClearFlags(head, FolioFlags.Referenced);
    }

    /// <summary>fork() of the huge PMD at <paramref name="haddr"/>: both mappings share the folio; in a private writable VMA both are write-protected (the parent with <c>pmdp_set_wrprotect</c>), the child's entry old.</summary>
    /// <remarks>Kernel: copy_huge_pmd(): folio_try_dup_anon_rmap_pmd(), pmdp_set_wrprotect(), pmd_wrprotect(), pmd_mkold(), set_pmd_at()</remarks>
    internal static void Copy(MmStruct parent, MmStruct child, Vma vma, ulong haddr, PtePointer srcPmdp)
    {
        var sys = parent.System;
        if (!TryGetPresent(sys, srcPmdp, out var ops, out var pmd))
        {
            return;
        }

        var mem = sys.Memory;
        var head = ops.Pfn(pmd);
        var nr = 1 << PmdOrder(sys);
        mem.AddMapcount(head, nr, +1);
        sys.Stats.ForkCopies++;
        if ((vma.Flags & VmFlags.Shared) == 0)
        {
            mem.SetAnonExclusive(head, nr, false);
            ops.PmdpSetWrprotect(parent, haddr, srcPmdp);
            pmd = ops.WrProtect(pmd);
        }
        else
        {
            pmd = ops.MkClean(pmd);
        }

        ops.SetPmdAt(child, haddr, child.PageTable.PmdPointer(haddr), ops.MkOld(pmd));
    }

    /// <summary>mprotect() of the whole huge PMD at <paramref name="haddr"/> to <paramref name="vma"/>'s new protection; a private page is made writable at once only if exclusive.</summary>
    /// <remarks>Kernel: change_huge_pmd(): pmdp_invalidate_ad(), pmd_modify(), can_change_pmd_writable() → pmd_mkwrite(), set_pmd_at(), tlb_flush_pmd_range()</remarks>
    internal static void Change(MmStruct mm, MmuGather gather, Vma vma, ulong haddr, PtePointer pmdp)
    {
        var sys = mm.System;
        if (!TryGetPresent(sys, pmdp, out var ops, out _))
        {
            return;
        }

        var fmt = sys.Format;
        var old = ops.PmdpInvalidate(mm, haddr, pmdp);
        var shared = (vma.Flags & VmFlags.Shared) != 0;
        var writable = (vma.Flags & VmFlags.Write) != 0;
        var entry = Pmd.FromPte(writable && shared ? fmt.MkWrite(old.AsPte) : fmt.WrProtect(old.AsPte));
        if (writable && !shared && sys.Memory.Test(ops.Pfn(old), FolioFlags.Anon) && sys.Memory.AnonExclusive(ops.Pfn(old)))
        {
            entry = MkWrite(sys, entry);
        }

        ops.SetPmdAt(mm, haddr, pmdp, entry);
        gather.RemovePmdTlbEntry(haddr);
    }

    /// <summary>mremap() of a whole, PMD-aligned huge PMD: the leaf moves as one entry; false (nothing done) when the target PMD has a PTE table that maps something.</summary>
    /// <remarks>Kernel: move_huge_pmd(): pmdp_huge_get_and_clear(), set_pmd_at() at the new address, flush of the old range (a target pmd that is not none refuses the move)</remarks>
    internal static bool Move(MmStruct mm, MmuGather gather, ulong from, ulong to, PtePointer pmdp)
    {
        var sys = mm.System;
        var ops = sys.Arch.PmdOps!;
        if (mm.PageTable.Find(to) is { } target)
        {
            for (var i = 0; i < target.Count; i++)
            {
                if (!target.Peek(i).IsNone)
                {
                    return false;
                }
            }

            mm.PageTable.DetachTable(to);
        }

        var pmd = ops.PmdpHugeGetAndClear(mm, from, pmdp);
        ops.SetPmdAt(mm, to, mm.PageTable.PmdPointer(to), pmd);
        gather.RemovePmdTlbEntry(from);
        return true;
    }

    /// <summary>Clears young at the huge PMD and flushes it when it was young; returns whether it was.</summary>
    /// <remarks>Kernel: pmdp_clear_flush_young() (folio_referenced_one() on a PMD mapping); without <paramref name="flush"/> the MGLRU walk's pmdp_test_and_clear_young()</remarks>
    internal static bool ClearYoung(MmStruct mm, ulong haddr, PtePointer pmdp, bool flush)
    {
        var ops = mm.System.Arch.PmdOps!;
        var young = ops.PmdpTestAndClearYoung(mm, haddr, pmdp);
        if (young && flush)
        {
            mm.Tlb.FlushRange(haddr, haddr + ops.PmdSize, ops.PmdSize, lastLevel: true, sync: true);
        }

        return young;
    }

    /// <summary>
    /// Reclaim of the PMD-mapped folio at <paramref name="haddr"/>: referenced → kept; lazyfree → unmapped at the PMD and
    /// discarded whole when clean and not re-dirtied, else made swap-backed again and kept; null for any other folio (the
    /// caller splits it and reclaims the pages).
    /// </summary>
    /// <remarks>Kernel: folio_referenced_one() (pmdp_clear_flush_young()); try_to_unmap_one() → unmap_huge_pmd_locked() → __discard_anon_folio_pmd_locked(): pmdp_huge_clear_flush(), dirty check, set_pmd_at() restore</remarks>
    internal static ReclaimOutcome? Reclaim(MmStruct mm, ulong haddr, PtePointer pmdp, ulong head)
    {
        var sys = mm.System;
        var ops = sys.Arch.PmdOps!;
        var mem = sys.Memory;
        var nr = 1 << PmdOrder(sys);
        if (mem.Test(head, FolioFlags.Locked) || mem.FolioMapcount(head) != nr)
        {
            return ReclaimOutcome.KeptBusy;
        }

        var referenced = mem.Test(head, FolioFlags.Referenced);
        mem.ClearFlags(head, FolioFlags.Referenced);
        referenced |= ClearYoung(mm, haddr, pmdp, flush: true);
        if (referenced)
        {
            sys.Stats.KeptReferenced++;
            return ReclaimOutcome.KeptReferenced;
        }

        if (!mem.Test(head, FolioFlags.Anon) || mem.Test(head, FolioFlags.SwapBacked))
        {
            return null;
        }

        var orig = ops.PmdpHugeGetAndClear(mm, haddr, pmdp);
        mm.Tlb.FlushRange(haddr, haddr + ops.PmdSize, ops.PmdSize, lastLevel: true, sync: true);
        if (mem.Test(head, FolioFlags.Dirty) || ops.Dirty(orig))
        {
            mem.SetFlags(head, FolioFlags.SwapBacked);
            ops.SetPmdAt(mm, haddr, pmdp, orig);
            sys.Stats.Redirtied++;
            return ReclaimOutcome.Redirtied;
        }

        mem.AddMapcount(head, nr, -1);
        mem.FreeFolio(head);
        sys.Stats.Discarded++;
        sys.Stats.ThpDiscarded++;
        return ReclaimOutcome.Discarded;
    }

    /// <summary>The PMD helpers and the (counted) entry at <paramref name="pmdp"/>; false when the entry is not present (nothing to do).</summary>
    /// <remarks>Kernel: the pmdp_get() and pmd_present() check that copy_huge_pmd() and change_huge_pmd() start with</remarks>
    private static bool TryGetPresent(MmSystem sys, PtePointer pmdp, out PmdOps ops, out Pmd pmd)
    {
        ops = sys.Arch.PmdOps!;
        pmd = ops.PmdpGet(pmdp);
        return ops.Present(pmd);
    }

    /// <remarks>Kernel: maybe_pmd_mkwrite() / pmd_mkwrite() — the PTE format's write bits on the leaf</remarks>
    private static Pmd MkWrite(MmSystem sys, Pmd pmd) => Pmd.FromPte(sys.Format.MkWrite(pmd.AsPte));
}
