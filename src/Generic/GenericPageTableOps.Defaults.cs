namespace ArchPgtable.Generic;

/// <summary>The generic defaults: each <c>…Core</c> member is the body of the kernel's <c>#ifndef</c> fallback.</summary>
public abstract partial class GenericPageTableOps
{
    /// <summary>Default: a single read of the entry.</summary>
    /// <remarks>Kernel: ptep_get() — READ_ONCE(*ptep)</remarks>
    [KernelHelper("ptep_get")]
    protected virtual Pte PtepGetCore(PtePointer ptep) => ptep.Read();

    /// <summary>Default: <see cref="IPageTableOps.PtepGet"/>.</summary>
    /// <remarks>Kernel: ptep_get_lockless()</remarks>
    [KernelHelper("ptep_get_lockless")]
    protected virtual Pte PtepGetLocklessCore(PtePointer ptep) => PtepGet(ptep);

    /// <summary>Default: write the entry, advance its PFN by one, <paramref name="nr"/> times.</summary>
    /// <remarks>Kernel: set_ptes()</remarks>
    [KernelHelper("set_ptes")]
    protected virtual void SetPtesCore(IMmContext mm, ulong addr, PtePointer ptep, Pte pte, int nr) =>
        PteRuns.SetPtes(ptep, pte, nr, new PteRuns.NextPfn(Format));

    /// <summary>Default: read the entry, clear it, return the old value (not atomic against hardware).</summary>
    /// <remarks>Kernel: ptep_get_and_clear()</remarks>
    [KernelHelper("ptep_get_and_clear")]
    protected virtual Pte PtepGetAndClearCore(IMmContext mm, ulong addr, PtePointer ptep)
    {
        var pte = ptep.Read();
        ptep.Write(Pte.None);
        return pte;
    }

    /// <summary>Default: ignores <paramref name="full"/> and calls <see cref="IPageTableOps.PtepGetAndClear"/>.</summary>
    /// <remarks>Kernel: ptep_get_and_clear_full()</remarks>
    [KernelHelper("ptep_get_and_clear_full")]
    protected virtual Pte PtepGetAndClearFullCore(IMmContext mm, ulong addr, PtePointer ptep, bool full) =>
        PtepGetAndClear(mm, addr, ptep);

    /// <summary>Default: get-and-clear each entry, OR-ing young and dirty into the first one's value.</summary>
    /// <remarks>Kernel: get_and_clear_full_ptes()</remarks>
    [KernelHelper("get_and_clear_full_ptes")]
    protected virtual Pte GetAndClearFullPtesCore(IMmContext mm, ulong addr, PtePointer ptep, int nr, bool full)
    {
        var pte = PtepGetAndClearFull(mm, addr, ptep, full);
        for (; ; )
        {
            if (--nr == 0)
            {
                break;
            }

            ptep += 1;
            addr += Geometry.PageSize;
            var tmp = PtepGetAndClearFull(mm, addr, ptep, full);
            if (Format.Dirty(tmp))
            {
                pte = Format.MkDirty(pte);
            }

            if (Format.Young(tmp))
            {
                pte = Format.MkYoung(pte);
            }
        }

        return pte;
    }

    /// <summary>Default: get-and-clear each entry.</summary>
    /// <remarks>Kernel: clear_full_ptes()</remarks>
    [KernelHelper("clear_full_ptes")]
    protected virtual void ClearFullPtesCore(IMmContext mm, ulong addr, PtePointer ptep, int nr, bool full)
    {
        for (; ; )
        {
            PtepGetAndClearFull(mm, addr, ptep, full);
            if (--nr == 0)
            {
                break;
            }

            ptep += 1;
            addr += Geometry.PageSize;
        }
    }

    /// <summary>Default: read; if young, write it back old (a plain store, not atomic against hardware).</summary>
    /// <remarks>Kernel: ptep_test_and_clear_young()</remarks>
    [KernelHelper("ptep_test_and_clear_young")]
    protected virtual bool PtepTestAndClearYoungCore(IMmContext vma, ulong addr, PtePointer ptep)
    {
        var pte = PtepGet(ptep);
        if (!Format.Young(pte))
        {
            return false;
        }

        SetPteAt(vma, addr, ptep, Format.MkOld(pte));
        return true;
    }

    /// <summary>Default: test-and-clear young, then flush the page's TLB entry if it was young.</summary>
    /// <remarks>Kernel: ptep_clear_flush_young() (mm/pgtable-generic.c)</remarks>
    [KernelHelper("ptep_clear_flush_young")]
    protected virtual bool PtepClearFlushYoungCore(IMmContext vma, ulong addr, PtePointer ptep)
    {
        var young = PtepTestAndClearYoung(vma, addr, ptep);
        if (young)
        {
            vma.Tlb.FlushPage(addr);
        }

        return young;
    }

    /// <summary>Default: read, write-protect, store.</summary>
    /// <remarks>Kernel: ptep_set_wrprotect()</remarks>
    [KernelHelper("ptep_set_wrprotect")]
    protected virtual void PtepSetWrprotectCore(IMmContext mm, ulong addr, PtePointer ptep)
    {
        var old = PtepGet(ptep);
        SetPteAt(mm, addr, ptep, Format.WrProtect(old));
    }

    /// <summary>Default: <see cref="IPageTableOps.PtepSetWrprotect"/> on each entry.</summary>
    /// <remarks>Kernel: wrprotect_ptes()</remarks>
    [KernelHelper("wrprotect_ptes")]
    protected virtual void WrprotectPtesCore(IMmContext mm, ulong addr, PtePointer ptep, int nr)
    {
        for (; ; )
        {
            PtepSetWrprotect(mm, addr, ptep);
            if (--nr == 0)
            {
                break;
            }

            ptep += 1;
            addr += Geometry.PageSize;
        }
    }

    /// <summary>Default: if <paramref name="entry"/> differs from the current value, store it and flush the page (spurious-fault fix).</summary>
    /// <remarks>Kernel: ptep_set_access_flags() (mm/pgtable-generic.c), flush_tlb_fix_spurious_fault()</remarks>
    [KernelHelper("ptep_set_access_flags")]
    protected virtual bool PtepSetAccessFlagsCore(IMmContext vma, ulong addr, PtePointer ptep, Pte entry, bool dirty)
    {
        var changed = PtepGet(ptep) != entry;
        if (changed)
        {
            SetPteAt(vma, addr, ptep, entry);
            vma.Tlb.FlushPage(addr);
        }

        return changed;
    }

    /// <summary>
    /// Default: for Young alone, <see cref="IPageTableOps.PtepTestAndClearYoung"/> per entry (dirty untouched);
    /// otherwise get-and-clear, make old and/or clean, store — the entry is briefly none.
    /// </summary>
    /// <remarks>Kernel: clear_young_dirty_ptes()</remarks>
    [KernelHelper("clear_young_dirty_ptes")]
    protected virtual void ClearYoungDirtyPtesCore(IMmContext vma, ulong addr, PtePointer ptep, int nr, CydpFlags flags)
    {
        for (; ; )
        {
            if (flags == CydpFlags.Young)
            {
                PtepTestAndClearYoung(vma, addr, ptep);
            }
            else
            {
                var pte = PtepGetAndClear(vma, addr, ptep);
                if ((flags & CydpFlags.Young) != 0)
                {
                    pte = Format.MkOld(pte);
                }

                if ((flags & CydpFlags.Dirty) != 0)
                {
                    pte = Format.MkClean(pte);
                }

                SetPteAt(vma, addr, ptep, pte);
            }

            if (--nr == 0)
            {
                break;
            }

            ptep += 1;
            addr += Geometry.PageSize;
        }
    }

    /// <summary>Default: get-and-clear, make old and clean, store, for each entry.</summary>
    /// <remarks>Kernel: mkold_clean_ptes() (lazyfree v4, as reworded in review: "implemented by get_and_clear/modify/set for each pte in the range")</remarks>
    [KernelHelper("mkold_clean_ptes")]
    protected virtual void MkoldCleanPtesCore(IMmContext vma, ulong addr, PtePointer ptep, int nr)
    {
        for (; ; )
        {
            var pte = PtepGetAndClear(vma, addr, ptep);
            SetPteAt(vma, addr, ptep, Format.MkClean(Format.MkOld(pte)));
            if (--nr == 0)
            {
                break;
            }

            ptep += 1;
            addr += Geometry.PageSize;
        }
    }

    /// <summary>Default: 1 — the architecture knows of no larger batch.</summary>
    /// <remarks>Kernel: pte_batch_hint()</remarks>
    [KernelHelper("pte_batch_hint")]
    protected virtual int PteBatchHintCore(PtePointer ptep, Pte pte) => 1;
}
