using ArchPgtable.Generic;

namespace ArchPgtable.Arm64;

/// <summary>
/// The raw <c>__</c>-prefixed arm64 helpers: they touch exactly the entries they are given and
/// know nothing of contiguous blocks (PTE_CONT is just another bit to them). Read-modify-write
/// helpers that can race with the hardware walker's access-flag and DBM updates use
/// compare-and-exchange loops; <c>__ptep_get_and_clear</c> is an atomic exchange.
/// With CONFIG_ARM64_CONTPTE off they are the public helpers; with it on, the contpte layer calls them.
/// No argument checking: callers are the checked public helpers, or code (tests, hugetlb-like
/// users) that manages PTE_CONT itself.
/// </summary>
/// <remarks>Kernel: the __ptep_*() / __*_ptes() inlines of arch/arm64/include/asm/pgtable.h and __ptep_set_access_flags() (arch/arm64/mm/fault.c).</remarks>
public static class Arm64RawPtes
{
    /// <summary>A single-copy-atomic read of the raw entry.</summary>
    /// <remarks>Kernel: __ptep_get()</remarks>
    public static Pte PtepGet(PtePointer ptep) => ptep.Read();

    /// <summary>A plain store of the raw entry.</summary>
    /// <remarks>Kernel: __set_pte()</remarks>
    public static void SetPte(PtePointer ptep, Pte pte) => ptep.Write(pte);

    /// <summary>Stores <paramref name="pte"/> (PFN advanced with <paramref name="format"/>) into <paramref name="nr"/> consecutive entries, advancing the PFN by one each time; all other bits (PTE_CONT included) are written as given.</summary>
    /// <remarks>Kernel: __set_ptes()</remarks>
    public static void SetPtes(Arm64PteFormat format, PtePointer ptep, Pte pte, int nr)
    {
        ArgumentNullException.ThrowIfNull(format);
        PteRuns.SetPtes(ptep, pte, nr, new NextPfn(format));
    }

    private readonly struct NextPfn(Arm64PteFormat format) : IPteTransform
    {
        public Pte Apply(Pte pte) => format.AdvancePfn(pte, 1);
    }

    /// <summary>Atomically exchanges the entry with 0 and returns the old value.</summary>
    /// <remarks>Kernel: __ptep_get_and_clear()</remarks>
    public static Pte PtepGetAndClear(PtePointer ptep) => ptep.Exchange(Pte.None);

    /// <summary>Clears <paramref name="nr"/> entries with atomic exchanges.</summary>
    /// <remarks>Kernel: __clear_full_ptes()</remarks>
    public static void ClearFullPtes(PtePointer ptep, int nr)
    {
        var table = ptep.Table;
        var index = ptep.Index;
        for (var end = index + nr; index < end; index++)
        {
            table.Exchange(index, Pte.None);
        }
    }

    /// <summary>Clears <paramref name="nr"/> entries; returns the first one's old value with young and dirty OR-ed from all of them.</summary>
    /// <remarks>Kernel: __get_and_clear_full_ptes()</remarks>
    public static Pte GetAndClearFullPtes(PtePointer ptep, int nr)
    {
        var table = ptep.Table;
        var index = ptep.Index;
        var pte = table.Exchange(index, Pte.None);
        for (var end = index + nr; ++index < end;)
        {
            var tmp = table.Exchange(index, Pte.None);
            if (Arm64Pte.Dirty(tmp))
            {
                pte = Arm64Pte.MkDirty(pte);
            }

            if (Arm64Pte.Young(tmp))
            {
                pte = Arm64Pte.MkYoung(pte);
            }
        }

        return pte;
    }

    /// <summary>Clears the access flag with a compare-and-exchange loop (never losing a concurrent hardware dirty update); returns whether the entry was young.</summary>
    /// <remarks>Kernel: __ptep_test_and_clear_young()</remarks>
    public static bool PtepTestAndClearYoung(PtePointer ptep) => Arm64Pte.Young(ptep.CompareExchangeLoop(default(MkOldTransform)));

    /// <summary>Test-and-clears young; if it was young, flushes the page's TLB entry (the kernel elides the trailing DSB: at worst a hot page is reclaimed early).</summary>
    /// <remarks>Kernel: __ptep_clear_flush_young() (flush_tlb_page_nosync())</remarks>
    public static bool PtepClearFlushYoung(IMmContext vma, ulong addr, PtePointer ptep)
    {
        ArgumentNullException.ThrowIfNull(vma);
        var young = PtepTestAndClearYoung(ptep);
        if (young)
        {
            vma.Tlb.FlushPage(addr);
        }

        return young;
    }

    /// <summary>Write-protects one entry with a compare-and-exchange loop applying pte_wrprotect(), so a hardware-dirty state moves into PTE_DIRTY.</summary>
    /// <remarks>Kernel: __ptep_set_wrprotect() (___ptep_set_wrprotect())</remarks>
    public static void PtepSetWrprotect(PtePointer ptep) => ptep.CompareExchangeLoop(default(WrProtectTransform));

    /// <summary>Write-protects <paramref name="nr"/> consecutive entries, one compare-and-exchange loop each.</summary>
    /// <remarks>Kernel: __wrprotect_ptes()</remarks>
    public static void WrprotectPtes(PtePointer ptep, int nr)
    {
        for (; ; )
        {
            PtepSetWrprotect(ptep);
            if (--nr == 0)
            {
                break;
            }

            ptep += 1;
        }
    }

    /// <summary>
    /// Makes the entry at least as permissive as <paramref name="entry"/>: ORs in its PTE_AF,
    /// PTE_WRITE and PTE_DIRTY and keeps the lower (more permissive) PTE_RDONLY, in a
    /// compare-and-exchange loop, so it never undoes a concurrent hardware update. Returns false,
    /// touching nothing, when the entry already equals <paramref name="entry"/>; otherwise, when
    /// <paramref name="dirty"/>, flushes the page's (stale read-only) TLB entry on this CPU and the
    /// device walkers only (mainline: other CPUs keep a stale, less permissive entry and fix it in
    /// their own spurious-fault path) and returns true.
    /// </summary>
    /// <remarks>Kernel: __ptep_set_access_flags() (arch/arm64/mm/fault.c) with local_flush_tlb_page() (mainline, "arm64,
    /// tlbflush: don't TLBI broadcast if page reused in write fault"; flush_tlb_page() before it).</remarks>
    /// <param name="vma">The address space (its TLB maintenance).</param>
    /// <param name="addr">The page's virtual address.</param>
    /// <param name="ptep">The entry.</param>
    /// <param name="entry">The value to be at least as permissive as.</param>
    /// <param name="dirty">The fault was a write: flush the page's stale read-only translation.</param>
    /// <param name="pageSize">PAGE_SIZE (the flushed range).</param>
    public static bool PtepSetAccessFlags(IMmContext vma, ulong addr, PtePointer ptep, Pte entry, bool dirty, ulong pageSize)
    {
        ArgumentNullException.ThrowIfNull(vma);
        const ulong Raise = Arm64PteBits.PTE_AF | Arm64PteBits.PTE_WRITE | Arm64PteBits.PTE_DIRTY;
        const ulong RdOnly = Arm64PteBits.PTE_RDONLY;
        var pte = ptep.Read();
        if (pte == entry)
        {
            return false;
        }

        for (; ; )
        {
            var next = (pte.Value | (entry.Value & Raise)) & ~(RdOnly & ~(pte.Value & entry.Value));
            var found = ptep.CompareExchange(new Pte(next), pte);
            if (found == pte)
            {
                break;
            }

            pte = found;
        }

        if (dirty)
        {
            var page = addr & ~(pageSize - 1);
            vma.Tlb.FlushRangeLocal(page, page + pageSize, pageSize, notifySecondary: true);
        }

        return true;
    }

    /// <summary>
    /// Clears young and/or dirty on <paramref name="nr"/> consecutive entries. With both flags a
    /// plain store of pte_mkclean(pte_mkold(pte)) suffices (hardware only ever sets AF and dirty,
    /// so an update landing between read and store is indistinguishable from one made before the
    /// clear); with one flag a compare-and-exchange loop keeps a concurrent update of the other.
    /// </summary>
    /// <remarks>Kernel: __clear_young_dirty_ptes() (and __clear_young_dirty_pte())</remarks>
    public static void ClearYoungDirtyPtes(PtePointer ptep, int nr, CydpFlags flags)
    {
        var table = ptep.Table;
        var index = ptep.Index;
        if (flags == (CydpFlags.Young | CydpFlags.Dirty))
        {
            // Both flags: nothing hardware sets can be lost, so a plain read and store per entry
            // (pte_mkclean(pte_mkold()): clear PTE_AF and PTE_DIRTY, set PTE_RDONLY).
            table.UpdateBits(index, nr, Arm64PteBits.PTE_AF | Arm64PteBits.PTE_DIRTY, Arm64PteBits.PTE_RDONLY);
            return;
        }

        for (var end = index + nr; index < end; index++)
        {
            ClearYoungDirtyPte(table, index, table.Read(index), flags);
        }
    }

    private readonly struct MkOldTransform : IPteTransform
    {
        public Pte Apply(Pte pte) => Arm64Pte.MkOld(pte);
    }

    private readonly struct WrProtectTransform : IPteTransform
    {
        public Pte Apply(Pte pte) => Arm64Pte.WrProtect(pte);
    }

    /// <summary>Marks <paramref name="nr"/> consecutive entries old and clean: <see cref="ClearYoungDirtyPtes"/> with both flags.</summary>
    /// <remarks>Kernel: __mkold_clean_ptes() (the lazyfree v4 helper's raw tier)</remarks>
    public static void MkoldCleanPtes(PtePointer ptep, int nr) => ClearYoungDirtyPtes(ptep, nr, CydpFlags.Young | CydpFlags.Dirty);

    private static void ClearYoungDirtyPte(PteTable table, int index, Pte pte, CydpFlags flags)
    {
        for (; ; )
        {
            var next = pte;
            if ((flags & CydpFlags.Young) != 0)
            {
                next = Arm64Pte.MkOld(next);
            }

            if ((flags & CydpFlags.Dirty) != 0)
            {
                next = Arm64Pte.MkClean(next);
            }

            var found = table.CompareExchange(index, next, pte);
            if (found == pte)
            {
                return;
            }

            pte = found;
        }
    }
}
