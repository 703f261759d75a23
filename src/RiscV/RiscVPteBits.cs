namespace ArchPgtable.RiscV;

/// <summary>
/// The bits of an RV64 Sv39/Sv48 page-table entry, hardware and Linux software bits, in kernel
/// spelling: <c>| 63 N | 62:61 PBMT | 60:54 reserved | 53:10 PPN | 9:8 RSW | D A G U X W R V |</c>.
/// </summary>
/// <remarks>Kernel: arch/riscv/include/asm/pgtable-bits.h and pgtable-64.h.</remarks>
public static class RiscVPteBits
{
    /// <summary>Bit 0: valid (V).</summary>
    /// <remarks>Kernel: _PAGE_PRESENT</remarks>
    public const ulong _PAGE_PRESENT = 1UL << 0;

    /// <summary>Bit 1: readable (R).</summary>
    /// <remarks>Kernel: _PAGE_READ</remarks>
    public const ulong _PAGE_READ = 1UL << 1;

    /// <summary>Bit 2: writable (W).</summary>
    /// <remarks>Kernel: _PAGE_WRITE</remarks>
    public const ulong _PAGE_WRITE = 1UL << 2;

    /// <summary>Bit 3: executable (X).</summary>
    /// <remarks>Kernel: _PAGE_EXEC</remarks>
    public const ulong _PAGE_EXEC = 1UL << 3;

    /// <summary>Bit 4: user accessible (U).</summary>
    /// <remarks>Kernel: _PAGE_USER</remarks>
    public const ulong _PAGE_USER = 1UL << 4;

    /// <summary>Bit 5: global mapping (G).</summary>
    /// <remarks>Kernel: _PAGE_GLOBAL</remarks>
    public const ulong _PAGE_GLOBAL = 1UL << 5;

    /// <summary>Bit 5 when V is clear: PROT_NONE (present to Linux, invalid to the hart).</summary>
    /// <remarks>Kernel: _PAGE_PROT_NONE (== _PAGE_GLOBAL)</remarks>
    public const ulong _PAGE_PROT_NONE = _PAGE_GLOBAL;

    /// <summary>Bit 6: accessed (A).</summary>
    /// <remarks>Kernel: _PAGE_ACCESSED (_PAGE_ACCESSED_OFFSET 6)</remarks>
    public const ulong _PAGE_ACCESSED = 1UL << 6;

    /// <summary>Bit 7: dirty (D).</summary>
    /// <remarks>Kernel: _PAGE_DIRTY</remarks>
    public const ulong _PAGE_DIRTY = 1UL << 7;

    /// <summary>Bit 8 (RSW): special mapping, no struct page.</summary>
    /// <remarks>Kernel: _PAGE_SPECIAL</remarks>
    public const ulong _PAGE_SPECIAL = 1UL << 8;

    /// <summary>Bits 9:8: reserved for software (RSW).</summary>
    /// <remarks>Kernel: _PAGE_SOFT</remarks>
    public const ulong _PAGE_SOFT = 3UL << 8;

    /// <summary>The leaf bits: an entry with any of R, W, X maps a page; with none it points to the next level.</summary>
    /// <remarks>Kernel: _PAGE_LEAF</remarks>
    public const ulong _PAGE_LEAF = _PAGE_READ | _PAGE_WRITE | _PAGE_EXEC;

    /// <summary>The PPN's shift in the entry.</summary>
    /// <remarks>Kernel: _PAGE_PFN_SHIFT</remarks>
    public const int _PAGE_PFN_SHIFT = 10;

    /// <summary>The PPN field: bits 53:10.</summary>
    /// <remarks>Kernel: _PAGE_PFN_MASK (GENMASK(53, 10))</remarks>
    public const ulong _PAGE_PFN_MASK = ((1UL << 44) - 1) << _PAGE_PFN_SHIFT;

    /// <summary>Bits 60:54: reserved; a leaf with any set is a page fault.</summary>
    /// <remarks>Kernel: none (the privileged spec's reserved field)</remarks>
    public const ulong ReservedMask = ((1UL << 7) - 1) << 54;

    /// <summary>Bit 61 (Svpbmt): non-cacheable, idempotent main memory.</summary>
    /// <remarks>Kernel: _PAGE_NOCACHE_SVPBMT</remarks>
    public const ulong _PAGE_NOCACHE = 1UL << 61;

    /// <summary>Bit 62 (Svpbmt): non-cacheable, non-idempotent I/O.</summary>
    /// <remarks>Kernel: _PAGE_IO_SVPBMT</remarks>
    public const ulong _PAGE_IO = 2UL << 61;

    /// <summary>Bits 62:61: the page-based memory type (PBMT); 3 is reserved.</summary>
    /// <remarks>Kernel: _PAGE_MTMASK_SVPBMT</remarks>
    public const ulong _PAGE_MTMASK = 3UL << 61;

    /// <summary>Bit 63 (Svnapot): the entry is one of a naturally aligned power-of-two range (64 KiB).</summary>
    /// <remarks>Kernel: _PAGE_NAPOT</remarks>
    public const ulong _PAGE_NAPOT = 1UL << 63;

    /// <summary>The only NAPOT order riscv defines: 2^4 pages (64 KiB).</summary>
    /// <remarks>Kernel: NAPOT_CONT64KB_ORDER (NAPOT_CONT_ORDER_BASE)</remarks>
    public const int NAPOT_CONT64KB_ORDER = 4;

    /// <summary>Entries in a 64 KiB NAPOT range.</summary>
    /// <remarks>Kernel: napot_pte_num(NAPOT_CONT64KB_ORDER)</remarks>
    public const int NapotPtes = 1 << NAPOT_CONT64KB_ORDER;

    /// <summary>The PPN bits a 64 KiB NAPOT entry replaces with its size pattern: ppn[3:0] (bits 13:10).</summary>
    /// <remarks>Kernel: GENMASK(pos, _PAGE_PFN_SHIFT) in pte_mknapot()</remarks>
    public const ulong NapotPpnMask = ((1UL << NAPOT_CONT64KB_ORDER) - 1) << _PAGE_PFN_SHIFT;

    /// <summary>The size pattern of a 64 KiB NAPOT entry: ppn[3:0] = 1000b (bit 13).</summary>
    /// <remarks>Kernel: BIT(order - 1 + _PAGE_PFN_SHIFT) in pte_mknapot()</remarks>
    public const ulong NapotPpnPattern = 1UL << (NAPOT_CONT64KB_ORDER - 1 + _PAGE_PFN_SHIFT);
}
