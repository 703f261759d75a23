using ArchPgtable.Generic;

namespace ArchPgtable.X86;

/// <summary>
/// The page-table helpers of x86-64: exactly the ones x86 overrides among the modelled helpers
/// (<c>__HAVE_ARCH_PTEP_GET_AND_CLEAR</c>, <c>_FULL</c>, <c>_TEST_AND_CLEAR_YOUNG</c>,
/// <c>_CLEAR_YOUNG_FLUSH</c>, <c>_SET_WRPROTECT</c>, <c>_SET_ACCESS_FLAGS</c>); everything else,
/// <c>set_ptes</c> and every batch helper included, is the pgtable.h default. Every
/// read-modify-write that can race with the CPU's locked A/D updates is atomic.
/// </summary>
/// <remarks>Kernel: arch/x86/include/asm/pgtable.h and arch/x86/mm/pgtable.c</remarks>
public sealed class X86PageTableOps : GenericPageTableOps
{
    /// <summary>Creates the helpers.</summary>
    /// <param name="format">The PTE encoding (with or without SavedDirty).</param>
    /// <param name="debugVm">Check entry-level batch preconditions (CONFIG_DEBUG_VM).</param>
    /// <remarks>Kernel: an x86-64 kernel with 4-level paging.</remarks>
    public X86PageTableOps(X86PteFormat format, bool debugVm = true)
        : base(format, Geometry4Level, debugVm)
    {
    }

    /// <summary>4 KiB pages, 48-bit VA, four levels, no contiguous blocks.</summary>
    /// <remarks>Kernel: PAGE_SHIFT 12, CONFIG_PGTABLE_LEVELS 4 (no LA57), __VIRTUAL_MASK_SHIFT 47 (+ the kernel half)</remarks>
    public static ArchGeometry Geometry4Level { get; } = new(pageShift: 12, vaBits: 48, contPtes: 1);

    /// <summary>An atomic exchange with 0.</summary>
    /// <remarks>Kernel: ptep_get_and_clear() → native_ptep_get_and_clear() (xchg)</remarks>
    [KernelHelper("ptep_get_and_clear")]
    protected override Pte PtepGetAndClearCore(IMmContext mm, ulong addr, PtePointer ptep) => ptep.Exchange(Pte.None);

    /// <summary>When the whole mm is being torn down, a plain read and store (no other CPU can use the mm); otherwise the atomic exchange.</summary>
    /// <remarks>Kernel: ptep_get_and_clear_full() → native_local_ptep_get_and_clear() when full</remarks>
    [KernelHelper("ptep_get_and_clear_full")]
    protected override Pte PtepGetAndClearFullCore(IMmContext mm, ulong addr, PtePointer ptep, bool full)
    {
        if (!full)
        {
            return PtepGetAndClear(mm, addr, ptep);
        }

        var pte = ptep.Read();
        ptep.Write(Pte.None);
        return pte;
    }

    /// <summary>If the entry reads young, an atomic test-and-clear of the accessed bit (a locked <c>btr</c>, here a compare-and-exchange loop); returns the bit's old value.</summary>
    /// <remarks>Kernel: ptep_test_and_clear_young() (arch/x86/mm/pgtable.c: test_and_clear_bit(_PAGE_BIT_ACCESSED))</remarks>
    [KernelHelper("ptep_test_and_clear_young")]
    protected override bool PtepTestAndClearYoungCore(IMmContext vma, ulong addr, PtePointer ptep)
    {
        var pte = ptep.Read();
        if (!X86Pte.Young(pte))
        {
            return false;
        }

        for (; ; )
        {
            var found = ptep.CompareExchange(X86Pte.MkOld(pte), pte);
            if (found == pte)
            {
                return true;
            }

            pte = found;
            if (!X86Pte.Young(pte))
            {
                return false;
            }
        }
    }

    /// <summary>The same test-and-clear, with no TLB flush: a stale accessed bit in the TLB only makes page aging less exact.</summary>
    /// <remarks>Kernel: ptep_clear_flush_young() (arch/x86/mm/pgtable.c)</remarks>
    [KernelHelper("ptep_clear_flush_young")]
    protected override bool PtepClearFlushYoungCore(IMmContext vma, ulong addr, PtePointer ptep) =>
        PtepTestAndClearYoung(vma, addr, ptep);

    /// <summary>A compare-and-exchange loop applying pte_wrprotect(), so a Dirty bit the CPU sets concurrently is moved to SavedDirty rather than left as Write=0,Dirty=1.</summary>
    /// <remarks>Kernel: ptep_set_wrprotect() (v6.6+: try_cmpxchg loop)</remarks>
    [KernelHelper("ptep_set_wrprotect")]
    protected override void PtepSetWrprotectCore(IMmContext mm, ulong addr, PtePointer ptep) =>
        ptep.CompareExchangeLoop(new WrProtectTransform(Format));

    /// <summary>pte_wrprotect() of this build's format (SavedDirty or not), for the compare-and-exchange loop.</summary>
    private readonly struct WrProtectTransform(IPteFormat format) : IPteTransform
    {
        public Pte Apply(Pte pte) => format.WrProtect(pte);
    }

    /// <summary>
    /// Returns whether <paramref name="entry"/> differs from the entry; stores it only when it
    /// differs and <paramref name="dirty"/> (the CPU maintains A/D itself, so only a write fault
    /// that makes the entry writable needs the store). No TLB flush: a #PF already drops the
    /// faulting translation (flush_tlb_fix_spurious_fault() is a no-op).
    /// </summary>
    /// <remarks>Kernel: ptep_set_access_flags() (arch/x86/mm/pgtable.c)</remarks>
    [KernelHelper("ptep_set_access_flags")]
    protected override bool PtepSetAccessFlagsCore(IMmContext vma, ulong addr, PtePointer ptep, Pte entry, bool dirty)
    {
        var changed = ptep.Read() != entry;
        if (changed && dirty)
        {
            ptep.Write(entry);
        }

        return changed;
    }
}
