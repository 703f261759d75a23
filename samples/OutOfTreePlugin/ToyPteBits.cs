namespace ToyArch;

/// <summary>
/// The toy architecture's PTE: six flag bits and a 36-bit PFN at bit 12. The hardware sets
/// <see cref="Young"/> itself; dirty is left to software (a write to a clean entry faults).
/// </summary>
/// <remarks>Kernel: none; what arch/&lt;arch&gt;/include/asm/pgtable-bits.h would hold.</remarks>
public static class ToyPteBits
{
    /// <summary>Bit 0: the entry maps a page.</summary>
    /// <remarks>Kernel: the role of x86's _PAGE_PRESENT</remarks>
    public const ulong Valid = 1UL << 0;

    /// <summary>Bit 1: user accessible.</summary>
    /// <remarks>Kernel: the role of x86's _PAGE_USER</remarks>
    public const ulong User = 1UL << 1;

    /// <summary>Bit 2: writable.</summary>
    /// <remarks>Kernel: the role of x86's _PAGE_RW</remarks>
    public const ulong Write = 1UL << 2;

    /// <summary>Bit 3: accessed, set by the hardware.</summary>
    /// <remarks>Kernel: the role of x86's _PAGE_ACCESSED</remarks>
    public const ulong Young = 1UL << 3;

    /// <summary>Bit 4: dirty, set by software on the write fault.</summary>
    /// <remarks>Kernel: the role of x86's _PAGE_DIRTY</remarks>
    public const ulong Dirty = 1UL << 4;

    /// <summary>Bit 5: not executable.</summary>
    /// <remarks>Kernel: the role of x86's _PAGE_NX</remarks>
    public const ulong NoExec = 1UL << 5;

    /// <summary>Bit 6: part of a 16-entry contiguous block (64 KiB, VA and PA aligned); every entry of a block has it.</summary>
    /// <remarks>Kernel: the role of arm64's PTE_CONT</remarks>
    public const ulong Cont = 1UL << 6;

    /// <summary>Entries per contiguous block.</summary>
    /// <remarks>Kernel: the role of arm64's CONT_PTES</remarks>
    public const int ContPtes = 16;

    /// <summary>The PFN's shift.</summary>
    /// <remarks>Kernel: the role of x86's PFN_PTE_SHIFT</remarks>
    public const int PfnShift = 12;

    /// <summary>The PFN field: bits 47:12.</summary>
    /// <remarks>Kernel: the role of x86's PTE_PFN_MASK</remarks>
    public const ulong PfnMask = ((1UL << 36) - 1) << PfnShift;
}
