namespace ArchPgtable.X86;

/// <summary>
/// The bits of an x86-64 4 KiB page-table entry, hardware and Linux software bits, in kernel
/// spelling. Protection keys (bits 62:59) and the memory-encryption bit are not modelled.
/// </summary>
/// <remarks>Kernel: arch/x86/include/asm/pgtable_types.h (_PAGE_BIT_*, _PAGE_*).</remarks>
public static class X86PteBits
{
    /// <summary>Bit 0: the entry maps a page (P).</summary>
    /// <remarks>Kernel: _PAGE_PRESENT</remarks>
    public const ulong _PAGE_PRESENT = 1UL << 0;

    /// <summary>Bit 1: writable (R/W).</summary>
    /// <remarks>Kernel: _PAGE_RW</remarks>
    public const ulong _PAGE_RW = 1UL << 1;

    /// <summary>Bit 2: user accessible (U/S).</summary>
    /// <remarks>Kernel: _PAGE_USER</remarks>
    public const ulong _PAGE_USER = 1UL << 2;

    /// <summary>Bit 3: page-level write-through.</summary>
    /// <remarks>Kernel: _PAGE_PWT</remarks>
    public const ulong _PAGE_PWT = 1UL << 3;

    /// <summary>Bit 4: page-level cache disable.</summary>
    /// <remarks>Kernel: _PAGE_PCD</remarks>
    public const ulong _PAGE_PCD = 1UL << 4;

    /// <summary>Bit 5: accessed, "raised by CPU" (A).</summary>
    /// <remarks>Kernel: _PAGE_ACCESSED</remarks>
    public const ulong _PAGE_ACCESSED = 1UL << 5;

    /// <summary>Bit 6: dirty, "raised by CPU" (D); leaf entries only.</summary>
    /// <remarks>Kernel: _PAGE_DIRTY</remarks>
    public const ulong _PAGE_DIRTY = 1UL << 6;

    /// <summary>Bit 7: PAT on a 4 KiB PTE; page size (PS) on a PDE/PDPTE. Same bit.</summary>
    /// <remarks>Kernel: _PAGE_PAT / _PAGE_PSE</remarks>
    public const ulong _PAGE_PSE = 1UL << 7;

    /// <summary>Bit 7 of a 4 KiB PTE: the PAT index bit.</summary>
    /// <remarks>Kernel: _PAGE_PAT</remarks>
    public const ulong _PAGE_PAT = _PAGE_PSE;

    /// <summary>Bit 8: global translation (G).</summary>
    /// <remarks>Kernel: _PAGE_GLOBAL</remarks>
    public const ulong _PAGE_GLOBAL = 1UL << 8;

    /// <summary>Bit 8 when P is clear: PROT_NONE (present to Linux, not to the CPU).</summary>
    /// <remarks>Kernel: _PAGE_PROTNONE (== _PAGE_GLOBAL)</remarks>
    public const ulong _PAGE_PROTNONE = _PAGE_GLOBAL;

    /// <summary>Bit 9 (software 1): special mapping, no struct page.</summary>
    /// <remarks>Kernel: _PAGE_SPECIAL (_PAGE_SOFTW1)</remarks>
    public const ulong _PAGE_SPECIAL = 1UL << 9;

    /// <summary>Bit 10 (software 2): userfaultfd write-protect.</summary>
    /// <remarks>Kernel: _PAGE_UFFD_WP (_PAGE_SOFTW2)</remarks>
    public const ulong _PAGE_UFFD_WP = 1UL << 10;

    /// <summary>Bit 11 (software 3): soft-dirty (CONFIG_MEM_SOFT_DIRTY, assumed y); pte_mkdirty() sets it too.</summary>
    /// <remarks>Kernel: _PAGE_SOFT_DIRTY (_PAGE_SOFTW3)</remarks>
    public const ulong _PAGE_SOFT_DIRTY = 1UL << 11;

    /// <summary>Bit 58 (software 5): the dirty state of a write-protected leaf, kept here so Write=0,Dirty=1 (a shadow-stack page) is never created.</summary>
    /// <remarks>Kernel: _PAGE_SAVED_DIRTY (_PAGE_SOFTW5, x86-64, v6.6+)</remarks>
    public const ulong _PAGE_SAVED_DIRTY = 1UL << 58;

    /// <summary>Bit 63: execute disable (XD/NX).</summary>
    /// <remarks>Kernel: _PAGE_NX</remarks>
    public const ulong _PAGE_NX = 1UL << 63;

    /// <summary>Both dirty encodings: pte_dirty() tests either.</summary>
    /// <remarks>Kernel: _PAGE_DIRTY_BITS (_PAGE_DIRTY | _PAGE_SAVED_DIRTY)</remarks>
    public const ulong _PAGE_DIRTY_BITS = _PAGE_DIRTY | _PAGE_SAVED_DIRTY;

    /// <summary>log2 of the page size; the PFN's shift in the entry.</summary>
    /// <remarks>Kernel: PAGE_SHIFT</remarks>
    public const int PAGE_SHIFT = 12;

    /// <summary>The physical-address width the PFN field is cut to.</summary>
    /// <remarks>Kernel: __PHYSICAL_MASK_SHIFT (52)</remarks>
    public const int PhysicalMaskShift = 52;

    /// <summary>The PFN field: bits 51:12.</summary>
    /// <remarks>Kernel: PTE_PFN_MASK</remarks>
    public const ulong PTE_PFN_MASK = ((1UL << PhysicalMaskShift) - 1) & ~((1UL << PAGE_SHIFT) - 1);
}
