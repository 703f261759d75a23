using ArchPgtable.Generic;
using static ArchPgtable.X86.X86PteBits;

namespace ArchPgtable.X86;

/// <summary>
/// x86_64 PMD helpers: a leaf PMD has _PAGE_PSE (bit 7) and the PTE's attribute bits; the accessed and RW bits are
/// cleared atomically (the MMU sets A/D with locked operations), get-and-clear and establish are xchg.
/// </summary>
/// <remarks>Kernel: arch/x86/include/asm/pgtable.h (pmd_present, pmd_mkinvalid, pmdp_huge_get_and_clear, pmdp_set_wrprotect,
/// pmdp_establish) and arch/x86/mm/pgtable.c (pmdp_test_and_clear_young, pmdp_set_access_flags).</remarks>
internal sealed class X86PmdOps(X86PteFormat format, ArchGeometry geometry) : GenericPmdOps(format, geometry.PmdSize, geometry.PageShift)
{
    /// <inheritdoc />
    /// <remarks>Kernel: pmd_present() — _PAGE_PRESENT | _PAGE_PROTNONE | _PAGE_PSE</remarks>
    public override bool Present(Pmd pmd) => (pmd.Value & (_PAGE_PRESENT | _PAGE_PROTNONE | _PAGE_PSE)) != 0;

    /// <inheritdoc />
    public override bool Leaf(Pmd pmd) => (pmd.Value & _PAGE_PSE) != 0;

    /// <inheritdoc />
    public override bool Valid(Pmd pmd) => (pmd.Value & _PAGE_PRESENT) != 0;

    /// <inheritdoc />
    /// <remarks>Kernel: pmd_mkhuge() — sets _PAGE_PSE</remarks>
    public override Pmd MkHuge(Pmd pmd) => new(pmd.Value | _PAGE_PSE);

    /// <inheritdoc />
    /// <remarks>Kernel: pmd_mkinvalid() — clears _PAGE_PRESENT | _PAGE_PROTNONE</remarks>
    public override Pmd MkInvalid(Pmd pmd) => new(pmd.Value & ~(_PAGE_PRESENT | _PAGE_PROTNONE));

    /// <inheritdoc />
    [KernelHelper("pmdp_test_and_clear_young")]
    protected override bool PmdpTestAndClearYoungCore(IMmContext mm, ulong addr, PtePointer pmdp) =>
        Young(UpdateAtomically(pmdp, p => new Pmd(p.Value & ~_PAGE_ACCESSED)));

    /// <summary>x86 writes the entry only on a write fault (changed and dirty) and never flushes: a #PF guarantees the MMU re-walks.</summary>
    [KernelHelper("pmdp_set_access_flags")]
    protected override bool PmdpSetAccessFlagsCore(IMmContext mm, ulong addr, PtePointer pmdp, Pmd entry, bool dirty)
    {
        var changed = PmdpGet(pmdp) != entry;
        if (changed && dirty)
        {
            pmdp.Write(entry.AsPte);
        }

        return changed;
    }

    /// <inheritdoc />
    [KernelHelper("pmdp_huge_get_and_clear")]
    protected override Pmd PmdpHugeGetAndClearCore(IMmContext mm, ulong addr, PtePointer pmdp) => Pmd.FromPte(pmdp.Exchange(Pte.None));

    /// <summary>A cmpxchg loop of pmd_wrprotect() (with shadow stacks it moves Dirty to SavedDirty; without, the same as clear_bit(RW)).</summary>
    [KernelHelper("pmdp_set_wrprotect")]
    protected override void PmdpSetWrprotectCore(IMmContext mm, ulong addr, PtePointer pmdp) => UpdateAtomically(pmdp, WrProtect);

    /// <inheritdoc />
    [KernelHelper("pmdp_establish")]
    protected override Pmd PmdpInvalidateCore(IMmContext mm, ulong addr, PtePointer pmdp)
    {
        var old = UpdateAtomically(pmdp, MkInvalid);
        FlushPmdTlbRange(mm, addr);
        return old;
    }
}
