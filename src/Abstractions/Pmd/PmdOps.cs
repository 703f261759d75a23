namespace ArchPgtable;

/// <summary>
/// The PMD-level helpers of <c>include/linux/pgtable.h</c> for PMD-mapped THPs (a leaf PMD maps one PMD-sized folio):
/// the entry format (<c>pmd_young</c>, <c>pmd_mkold</c>, <c>pmd_mkclean</c>, <c>pmd_mkinvalid</c>, <c>pmd_leaf</c>, …) and the
/// helpers core mm calls on a mapped entry. Kept apart from <see cref="IPageTableOps"/>; the generic defaults are
/// <c>ArchPgtable.Generic.GenericPmdOps</c>, and an architecture overrides what its pgtable.h overrides. Like the PTE
/// helpers, none of them flushes except where the kernel's does (<c>pmdp_set_access_flags</c>, <c>pmdp_invalidate</c>:
/// <c>flush_pmd_tlb_range</c>).
/// </summary>
public abstract class PmdOps
{
    /// <summary>The PMD size in bytes (what one leaf PMD maps).</summary>
    /// <remarks>Kernel: HPAGE_PMD_SIZE</remarks>
    public abstract ulong PmdSize { get; }

    /// <summary>The entry is present to core mm (a leaf being invalidated stays present).</summary>
    /// <remarks>Kernel: pmd_present()</remarks>
    public abstract bool Present(Pmd pmd);

    /// <summary>The entry is a leaf (maps a huge page) rather than a pointer to a PTE table.</summary>
    /// <remarks>Kernel: pmd_leaf() / pmd_trans_huge()</remarks>
    public abstract bool Leaf(Pmd pmd);

    /// <summary>A walker may use the entry (not invalidated).</summary>
    /// <remarks>Kernel: pmd_valid() (arm64), _PAGE_PRESENT (x86, riscv)</remarks>
    public abstract bool Valid(Pmd pmd);

    /// <summary>Accessed.</summary>
    /// <remarks>Kernel: pmd_young()</remarks>
    public abstract bool Young(Pmd pmd);

    /// <summary>Dirty.</summary>
    /// <remarks>Kernel: pmd_dirty()</remarks>
    public abstract bool Dirty(Pmd pmd);

    /// <summary>Writable.</summary>
    /// <remarks>Kernel: pmd_write()</remarks>
    public abstract bool Write(Pmd pmd);

    /// <summary>The first PFN mapped.</summary>
    /// <remarks>Kernel: pmd_pfn()</remarks>
    public abstract ulong Pfn(Pmd pmd);

    /// <summary>A leaf entry mapping the PMD-aligned <paramref name="pfn"/> with <paramref name="prot"/>.</summary>
    /// <remarks>Kernel: pmd_mkhuge(pfn_pmd(pfn, prot))</remarks>
    public abstract Pmd PfnPmd(ulong pfn, PteProt prot);

    /// <summary>Clears accessed.</summary>
    /// <remarks>Kernel: pmd_mkold()</remarks>
    public abstract Pmd MkOld(Pmd pmd);

    /// <summary>Sets accessed.</summary>
    /// <remarks>Kernel: pmd_mkyoung()</remarks>
    public abstract Pmd MkYoung(Pmd pmd);

    /// <summary>Clears dirty.</summary>
    /// <remarks>Kernel: pmd_mkclean()</remarks>
    public abstract Pmd MkClean(Pmd pmd);

    /// <summary>Sets dirty.</summary>
    /// <remarks>Kernel: pmd_mkdirty()</remarks>
    public abstract Pmd MkDirty(Pmd pmd);

    /// <summary>Write-protects (keeping dirty).</summary>
    /// <remarks>Kernel: pmd_wrprotect()</remarks>
    public abstract Pmd WrProtect(Pmd pmd);

    /// <summary>Makes the entry invisible to walkers while it stays <see cref="Present"/>.</summary>
    /// <remarks>Kernel: pmd_mkinvalid()</remarks>
    public abstract Pmd MkInvalid(Pmd pmd);

    /// <summary>Reads the entry.</summary>
    /// <remarks>Kernel: pmdp_get()</remarks>
    public virtual Pmd PmdpGet(PtePointer pmdp) => Pmd.FromPte(pmdp.Read());

    /// <summary>Writes a leaf entry.</summary>
    /// <remarks>Kernel: set_pmd_at()</remarks>
    public abstract void SetPmdAt(IMmContext mm, ulong addr, PtePointer pmdp, Pmd pmd);

    /// <summary>Clears accessed; returns whether it was set. No flush.</summary>
    /// <remarks>Kernel: pmdp_test_and_clear_young()</remarks>
    public abstract bool PmdpTestAndClearYoung(IMmContext mm, ulong addr, PtePointer pmdp);

    /// <summary>Sets the access flags of <paramref name="entry"/> (and dirty when asked) on a fault; returns whether the entry changed (then the range is flushed).</summary>
    /// <remarks>Kernel: pmdp_set_access_flags()</remarks>
    public abstract bool PmdpSetAccessFlags(IMmContext mm, ulong addr, PtePointer pmdp, Pmd entry, bool dirty);

    /// <summary>Clears the entry and returns what it was (with any hardware update up to the clear).</summary>
    /// <remarks>Kernel: pmdp_huge_get_and_clear()</remarks>
    public abstract Pmd PmdpHugeGetAndClear(IMmContext mm, ulong addr, PtePointer pmdp);

    /// <summary><see cref="PmdpHugeGetAndClear"/>, told whether the whole mm is being torn down.</summary>
    /// <remarks>Kernel: pmdp_huge_get_and_clear_full()</remarks>
    public abstract Pmd PmdpHugeGetAndClearFull(IMmContext mm, ulong addr, PtePointer pmdp, bool full);

    /// <summary>Write-protects the entry without losing a concurrent hardware dirty update. No flush.</summary>
    /// <remarks>Kernel: pmdp_set_wrprotect()</remarks>
    public abstract void PmdpSetWrprotect(IMmContext mm, ulong addr, PtePointer pmdp);

    /// <summary>Makes the entry invalid to walkers (still present), flushes the PMD range and returns the old entry.</summary>
    /// <remarks>Kernel: pmdp_invalidate()</remarks>
    public abstract Pmd PmdpInvalidate(IMmContext mm, ulong addr, PtePointer pmdp);

    /// <summary>
    /// The leaf as the MMU's last-level rules (<see cref="Hardware.IHardwareModel.Translate"/>) evaluate it: the same
    /// attribute bits with the leaf encoding of a page descriptor (arm64: a level-2 block, bits[1:0] = 01, is evaluated
    /// like a level-3 page, 11). Default: the bits unchanged.
    /// </summary>
    /// <remarks>Kernel: none; the hardware walk of a block descriptor (hardware-semantics.md, block descriptors).</remarks>
    public virtual Pte HardwareView(Pmd pmd) => pmd.AsPte;

    /// <summary>The inverse of <see cref="HardwareView"/>: the PMD word a hardware access-flag/dirty update writes back.</summary>
    /// <remarks>Kernel: none; the hardware's compare-and-swap on the block descriptor.</remarks>
    public virtual Pmd FromHardwareView(Pte descriptor) => Pmd.FromPte(descriptor);
}
