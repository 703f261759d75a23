using System.Globalization;

namespace ArchPgtable.Arm64;

/// <summary>The block-aware helpers the public arm64 layer calls when an entry (or a batch end) is contiguous.</summary>
/// <remarks>Kernel: the EXPORT_SYMBOL_GPL(contpte_*) functions of arch/arm64/mm/contpte.c.</remarks>
internal sealed partial class ContPte
{
    /// <summary>
    /// How many times the lockless gather restarts before it gives up. On real hardware a restart
    /// means a racing fold/unfold/modify was seen and the loop is unbounded; in this model only an
    /// access observer can change the table mid-scan, so a block that is still inconsistent after
    /// this many scans is misprogrammed and reported by an exception instead of spinning forever.
    /// Large enough for a PTL writer that makes one PTE write per reader read through a whole unfold
    /// of a 16K-granule block (2 × 128 + 1 writes), as <c>ptep_get_lockless/race</c> schedules it.
    /// </summary>
    /// <remarks>Kernel: the unbounded "goto retry" of contpte_ptep_get_lockless()</remarks>
    public const int LocklessRetryLimit = 1024;

    /// <summary>
    /// Returns <paramref name="orig"/> with young and dirty OR-ed from the entries of its block (hardware may have set
    /// them on any one). PTE_CONT stays visible. As mainline, the scan stops once both are found, in mainline's read
    /// order: entries are read from the block's first until one is dirty or young; after a dirty one the scan for
    /// young starts again at that same entry (it is read a second time), after a young one the scan for dirty starts
    /// at the next entry. A block with neither reads every entry once; a block whose first entry is young and dirty,
    /// two reads.
    /// </summary>
    /// <remarks>Kernel: contpte_ptep_get() (mainline, with the early exit)</remarks>
    public Pte PtepGet(PtePointer ptep, Pte orig)
    {
        var first = ptep.AlignDown(_contPtes);
        var table = first.Table;
        for (int i = first.Index, end = first.Index + _contPtes; i < end; i++)
        {
            var pte = table.Read(i);
            if (Arm64Pte.Dirty(pte))
            {
                orig = Arm64Pte.MkDirty(orig);
                for (; i < end; i++)
                {
                    if (Arm64Pte.Young(table.Read(i)))
                    {
                        return Arm64Pte.MkYoung(orig);
                    }
                }

                return orig;
            }

            if (Arm64Pte.Young(pte))
            {
                orig = Arm64Pte.MkYoung(orig);
                for (i++; i < end; i++)
                {
                    if (Arm64Pte.Dirty(table.Read(i)))
                    {
                        return Arm64Pte.MkDirty(orig);
                    }
                }

                return orig;
            }
        }

        return orig;
    }

    /// <summary>
    /// The lock-free read: if the entry is valid and contiguous, scan its block and gather A/D,
    /// restarting from the beginning whenever an entry is not valid+CONT, has the wrong PFN, or
    /// differs from the target in anything but A/D (a racing fold, unfold or modify). The scan has
    /// <see cref="PtepGet"/>'s early exit and read order (the entry where the dirty scan switches to
    /// the young scan is read twice, and checked for consistency both times); entries after the exit
    /// are not read, so not checked.
    /// </summary>
    /// <exception cref="InvalidOperationException">The block stayed inconsistent for <see cref="LocklessRetryLimit"/> scans (a misprogrammed contiguous block).</exception>
    /// <remarks>Kernel: contpte_ptep_get_lockless() (mainline, with the early exit)</remarks>
    public Pte PtepGetLockless(PtePointer origPtep)
    {
        var first = origPtep.AlignDown(_contPtes);
        for (var attempt = 0; attempt < LocklessRetryLimit; attempt++)
        {
            var orig = origPtep.Read();
            if (!Arm64Pte.ValidCont(orig))
            {
                return orig;
            }

            var prot = _format.Pgprot(Normalise(orig));
            var pfn = _format.Pfn(orig) - (ulong)(origPtep.Index - first.Index);
            if (TryGatherConsistent(first, pfn, prot, ref orig))
            {
                return orig;
            }
        }

        throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
            $"ptep_get_lockless: the contiguous block at PTE index {first.Index} stayed inconsistent for {LocklessRetryLimit} scans (misprogrammed PTE_CONT block)."));
    }

    /// <summary>One scan of <see cref="PtepGetLockless"/>: false at the first inconsistent entry read (the caller retries).</summary>
    /// <remarks>Kernel: the loop of contpte_ptep_get_lockless() between "retry:" and its "goto retry"s</remarks>
    private bool TryGatherConsistent(PtePointer first, ulong pfn, PteProt prot, ref Pte orig)
    {
        var table = first.Table;
        for (int i = first.Index, end = first.Index + _contPtes; i < end; i++, pfn++)
        {
            var pte = table.Read(i);
            if (!IsConsistent(pte, pfn, prot))
            {
                return false;
            }

            if (Arm64Pte.Dirty(pte))
            {
                orig = Arm64Pte.MkDirty(orig);
                for (; i < end; i++, pfn++)
                {
                    pte = table.Read(i);
                    if (!IsConsistent(pte, pfn, prot))
                    {
                        return false;
                    }

                    if (Arm64Pte.Young(pte))
                    {
                        orig = Arm64Pte.MkYoung(orig);
                        break;
                    }
                }

                return true;
            }

            if (Arm64Pte.Young(pte))
            {
                orig = Arm64Pte.MkYoung(orig);
                for (i++, pfn++; i < end; i++, pfn++)
                {
                    pte = table.Read(i);
                    if (!IsConsistent(pte, pfn, prot))
                    {
                        return false;
                    }

                    if (Arm64Pte.Dirty(pte))
                    {
                        orig = Arm64Pte.MkDirty(orig);
                        break;
                    }
                }

                return true;
            }
        }

        return true;
    }

    /// <summary>Valid and contiguous, mapping <paramref name="pfn"/>, with <paramref name="prot"/>'s attributes once A/D are normalised away.</summary>
    /// <remarks>Kernel: contpte_is_consistent()</remarks>
    private bool IsConsistent(Pte pte, ulong pfn, PteProt prot) =>
        Arm64Pte.ValidCont(pte) && _format.Pfn(pte) == pfn && _format.Pgprot(Normalise(pte)) == prot;

    /// <summary>
    /// Maps <paramref name="nr"/> ≥ 2 none entries: each sub-range that is exactly one block with
    /// both VA and PA aligned to CONT_PTE_SIZE is written with PTE_CONT, every other entry without.
    /// No TLB maintenance (the targets were none). A kernel mm gets the raw write.
    /// </summary>
    /// <remarks>Kernel: contpte_set_ptes()</remarks>
    public void SetPtes(IMmContext mm, ulong addr, PtePointer ptep, Pte pte, int nr)
    {
        if (!mm.IsUserMm)
        {
            Arm64RawPtes.SetPtes(_format, ptep, pte, nr);
            return;
        }

        var end = addr + ((ulong)nr << _pageShift);
        var pfn = _format.Pfn(pte);
        var prot = _format.Pgprot(pte);
        var table = ptep.Table;
        var index = ptep.Index;
        var offMask = _contPteSize - 1;
        for (; ; )
        {
            var boundary = (addr + _contPteSize) & ~offMask;
            var next = boundary - 1 < end - 1 ? boundary : end;
            var n = (int)((next - addr) >> _pageShift);
            var p = _format.PfnPte(pfn, prot);
            p = ((addr | next | (pfn << _pageShift)) & offMask) == 0 ? Arm64Pte.MkCont(p) : Arm64Pte.MkNonCont(p);
            Arm64RawPtes.SetPtes(_format, new PtePointer(table, index), p, n);
            addr = next;
            if (addr == end)
            {
                return;
            }

            index += n;
            pfn += (ulong)n;
        }
    }

    /// <summary>Clears a batch of ≥ 2 entries: unfolds the partially covered end blocks, then clears every entry raw.</summary>
    /// <remarks>Kernel: contpte_clear_full_ptes()</remarks>
    public void ClearFullPtes(IMmContext mm, ulong addr, PtePointer ptep, int nr)
    {
        TryUnfoldPartial(mm, addr, ptep, nr);
        Arm64RawPtes.ClearFullPtes(ptep, nr);
    }

    /// <summary>Clears a batch of ≥ 2 entries as <see cref="ClearFullPtes"/>; returns the first entry's old value with the batch's young/dirty (after any unfold, its block's).</summary>
    /// <remarks>Kernel: contpte_get_and_clear_full_ptes()</remarks>
    public Pte GetAndClearFullPtes(IMmContext mm, ulong addr, PtePointer ptep, int nr)
    {
        TryUnfoldPartial(mm, addr, ptep, nr);
        return Arm64RawPtes.GetAndClearFullPtes(ptep, nr);
    }

    /// <summary>Write-protects a batch of ≥ 2 entries: unfolds the partially covered end blocks (a block whose entries disagree on permissions is misprogrammed), then write-protects every entry raw; fully covered blocks stay contiguous.</summary>
    /// <remarks>Kernel: contpte_wrprotect_ptes()</remarks>
    public void WrprotectPtes(IMmContext mm, ulong addr, PtePointer ptep, int nr)
    {
        TryUnfoldPartial(mm, addr, ptep, nr);
        Arm64RawPtes.WrprotectPtes(ptep, nr);
    }

    /// <summary>Clears the access flag of every entry of the block (no unfold: core mm ages per folio and a block lies in one folio); returns the OR of their young state.</summary>
    /// <remarks>Kernel: contpte_ptep_test_and_clear_young()</remarks>
    public bool PtepTestAndClearYoung(PtePointer ptep)
    {
        var first = ptep.AlignDown(_contPtes);
        var young = false;
        for (var i = 0; i < _contPtes; i++)
        {
            young |= Arm64RawPtes.PtepTestAndClearYoung(first + i);
        }

        return young;
    }

    /// <summary>Test-and-clears young over the block; if any entry was young, issues a non-synchronous range flush of the whole block.</summary>
    /// <remarks>Kernel: contpte_ptep_clear_flush_young()</remarks>
    public bool PtepClearFlushYoung(IMmContext vma, ulong addr, PtePointer ptep)
    {
        var young = PtepTestAndClearYoung(ptep);
        if (young)
        {
            var start = BlockStart(addr);
            vma.Tlb.FlushRange(start, start + _contPteSize, _pageSize, lastLevel: true, sync: false);
        }

        return young;
    }

    /// <summary>
    /// Makes a contiguous entry more permissive. No-op (false) only when every raw entry of the block
    /// already has <paramref name="entry"/>'s access flag, dirty and write permission (PTE_RDONLY,
    /// PTE_AF, PTE_WRITE, PTE_DIRTY): the gathered <c>ptep_get()</c> view is not enough, because a
    /// walker that evaluates one descriptor (an SMMU without HTTU, a CPU without DBM, HA/HD off) keeps
    /// faulting on its entry when only a sibling was updated. If the raw target's write permission
    /// stays the same, the raw helper runs on every entry of the block without flushing, then, if
    /// <paramref name="dirty"/>, the block's range is flushed once on this CPU and the device walkers only
    /// (a local flush: the change only adds permissions, so another CPU's stale entry grants less than the
    /// live one and costs at most a spurious fault); no unfold. If it changes, the block is unfolded and
    /// only the target entry is updated (the raw helper's local page flush).
    /// </summary>
    /// <remarks>Kernel: contpte_ptep_set_access_flags() with contpte_all_subptes_match_access_flags() (mainline;
    /// v6.10 to the fix compared the gathered value and returned early: the sibling-only livelock) and
    /// local_flush_tlb_contpte() ("arm64, tlbflush: don't TLBI broadcast if page reused in write fault"; a broadcast
    /// __flush_tlb_range() before it).</remarks>
    public bool PtepSetAccessFlags(IMmContext vma, ulong addr, PtePointer ptep, Pte entry, bool dirty)
    {
        if (AllSubptesMatchAccessFlags(ptep, entry))
        {
            return false;
        }

        var orig = Arm64Pte.MkNonCont(Arm64RawPtes.PtepGet(ptep));
        if (Arm64Pte.Write(orig) == Arm64Pte.Write(entry))
        {
            var start = BlockStart(addr);
            var first = ptep.AlignDown(_contPtes);
            for (var i = 0; i < _contPtes; i++)
            {
                Arm64RawPtes.PtepSetAccessFlags(vma, start + ((ulong)i << _pageShift), first + i, entry, dirty: false, _pageSize);
            }

            if (dirty)
            {
                vma.Tlb.FlushRangeLocal(start, start + _contPteSize, _pageSize, notifySecondary: true);
            }
        }
        else
        {
            UnfoldCore(vma, addr, ptep, orig);
            Arm64RawPtes.PtepSetAccessFlags(vma, addr, ptep, entry, dirty, _pageSize);
        }

        return true;
    }

    /// <summary>True when every raw entry of <paramref name="ptep"/>'s block has <paramref name="entry"/>'s AF, DIRTY and write permission.</summary>
    /// <remarks>Kernel: contpte_all_subptes_match_access_flags()</remarks>
    private bool AllSubptesMatchAccessFlags(PtePointer ptep, Pte entry)
    {
        const ulong mask = Arm64PteBits.PTE_RDONLY | Arm64PteBits.PTE_AF | Arm64PteBits.PTE_WRITE | Arm64PteBits.PTE_DIRTY;
        var want = entry.Value & mask;
        var first = ptep.AlignDown(_contPtes);
        for (var i = 0; i < _contPtes; i++)
        {
            if ((Arm64RawPtes.PtepGet(first + i).Value & mask) != want)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Clears young and/or dirty over a batch, widened to whole blocks at the two ends only: the
    /// start moves down to its block's first entry if the first raw entry is contiguous, the end
    /// up to its block's end if the last raw entry is contiguous. Middle blocks lie inside the
    /// range already. Never folds, unfolds or flushes (clearing A/D keeps a block's output address
    /// and permissions; the caller's mmu_gather flushes), and is right for any mix of contiguous
    /// and non-contiguous blocks and any <paramref name="nr"/>.
    /// </summary>
    /// <remarks>Kernel: contpte_clear_young_dirty_ptes()</remarks>
    public void ClearYoungDirtyPtes(ulong addr, PtePointer ptep, int nr, CydpFlags flags)
    {
        var start = addr;
        var end = addr + ((ulong)nr << _pageShift);
        ptep = AlignAddrPtep(ref start, ref end, ptep, nr);
        Arm64RawPtes.ClearYoungDirtyPtes(ptep, (int)((end - start) >> _pageShift), flags);
    }

    /// <summary>
    /// Widens a batch of <paramref name="nr"/> consecutive present entries to whole blocks at its two ends: the end
    /// up to its block's end if the last raw entry is contiguous, the start down to its block's first entry (and the
    /// pointer with it) if the first raw entry is contiguous.
    /// </summary>
    /// <remarks>Kernel: contpte_align_addr_ptep()</remarks>
    private PtePointer AlignAddrPtep(ref ulong start, ref ulong end, PtePointer ptep, int nr)
    {
        if (Arm64Pte.Cont(Arm64RawPtes.PtepGet(ptep + (nr - 1))))
        {
            end = (end + _contPteSize - 1) & ~(_contPteSize - 1);
        }

        if (Arm64Pte.Cont(Arm64RawPtes.PtepGet(ptep)))
        {
            start = BlockStart(start);
            ptep = ptep.AlignDown(_contPtes);
        }

        return ptep;
    }
}
