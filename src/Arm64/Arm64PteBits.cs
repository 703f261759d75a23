namespace ArchPgtable.Arm64;

/// <summary>
/// The bits of an arm64 stage-1 level-3 (page) descriptor, hardware and Linux software bits, in
/// kernel spelling. 48-bit output addresses only (no 52-bit PA / LPA2 fields).
/// </summary>
/// <remarks>Kernel: arch/arm64/include/asm/pgtable-hwdef.h and pgtable-prot.h (PTE_*).</remarks>
public static class Arm64PteBits
{
    /// <summary>Bit 0: the descriptor is valid.</summary>
    /// <remarks>Kernel: PTE_VALID</remarks>
    public const ulong PTE_VALID = 1UL << 0;

    /// <summary>Bit 1: at level 3, "page" (with bit 0 set).</summary>
    /// <remarks>Kernel: PTE_TABLE_BIT</remarks>
    public const ulong PTE_TABLE_BIT = 1UL << 1;

    /// <summary>Bits 1:0: the descriptor type field.</summary>
    /// <remarks>Kernel: PTE_TYPE_MASK</remarks>
    public const ulong PTE_TYPE_MASK = 3UL << 0;

    /// <summary>Bits 1:0 = 0b11: a page descriptor.</summary>
    /// <remarks>Kernel: PTE_TYPE_PAGE</remarks>
    public const ulong PTE_TYPE_PAGE = 3UL << 0;

    /// <summary>Bits 4:2: the MAIR index (memory type); MT_NORMAL is 0.</summary>
    /// <remarks>Kernel: PTE_ATTRINDX_MASK</remarks>
    public const ulong PTE_ATTRINDX_MASK = 7UL << 2;

    /// <summary>Bit 6, AP[1]: accessible from EL0.</summary>
    /// <remarks>Kernel: PTE_USER</remarks>
    public const ulong PTE_USER = 1UL << 6;

    /// <summary>Bit 7, AP[2]: read-only; cleared by hardware on a DBM write (the hardware-dirty indicator).</summary>
    /// <remarks>Kernel: PTE_RDONLY</remarks>
    public const ulong PTE_RDONLY = 1UL << 7;

    /// <summary>Bits 9:8, SH = 0b11: inner shareable.</summary>
    /// <remarks>Kernel: PTE_SHARED</remarks>
    public const ulong PTE_SHARED = 3UL << 8;

    /// <summary>Bit 10: the access flag (young).</summary>
    /// <remarks>Kernel: PTE_AF</remarks>
    public const ulong PTE_AF = 1UL << 10;

    /// <summary>Bit 11: not global.</summary>
    /// <remarks>Kernel: PTE_NG</remarks>
    public const ulong PTE_NG = 1UL << 11;

    /// <summary>Bit 11 when bit 0 is clear: present but invalid (PROT_NONE), since v6.10.</summary>
    /// <remarks>Kernel: PTE_PRESENT_INVALID (== PTE_NG)</remarks>
    public const ulong PTE_PRESENT_INVALID = PTE_NG;

    /// <summary>Bit 50: BTI guarded page.</summary>
    /// <remarks>Kernel: PTE_GP</remarks>
    public const ulong PTE_GP = 1UL << 50;

    /// <summary>Bit 51: Dirty Bit Modifier; hardware may clear RDONLY on write.</summary>
    /// <remarks>Kernel: PTE_DBM</remarks>
    public const ulong PTE_DBM = 1UL << 51;

    /// <summary>Bit 51: Linux's "logically writable" bit is the DBM bit.</summary>
    /// <remarks>Kernel: PTE_WRITE (== PTE_DBM)</remarks>
    public const ulong PTE_WRITE = PTE_DBM;

    /// <summary>Bit 52: contiguous hint; the entry is one of a CONT_PTES block.</summary>
    /// <remarks>Kernel: PTE_CONT</remarks>
    public const ulong PTE_CONT = 1UL << 52;

    /// <summary>Bit 53: privileged execute-never.</summary>
    /// <remarks>Kernel: PTE_PXN</remarks>
    public const ulong PTE_PXN = 1UL << 53;

    /// <summary>Bit 54: user execute-never.</summary>
    /// <remarks>Kernel: PTE_UXN</remarks>
    public const ulong PTE_UXN = 1UL << 54;

    /// <summary>Bit 55 (software): dirty.</summary>
    /// <remarks>Kernel: PTE_DIRTY</remarks>
    public const ulong PTE_DIRTY = 1UL << 55;

    /// <summary>Bit 56 (software): special mapping, no struct page.</summary>
    /// <remarks>Kernel: PTE_SPECIAL</remarks>
    public const ulong PTE_SPECIAL = 1UL << 56;

    /// <summary>The output-address width modelled (48-bit PA).</summary>
    /// <remarks>Kernel: PHYS_MASK_SHIFT with CONFIG_ARM64_PA_BITS_48</remarks>
    public const int PhysAddrBits = 48;

    /// <summary>The PFN (output address) field for a granule: bits 47:PAGE_SHIFT.</summary>
    /// <remarks>Kernel: PTE_ADDR_LOW (restricted to a 48-bit PA)</remarks>
    public static ulong PteAddrMask(int pageShift) => ((1UL << (PhysAddrBits - pageShift)) - 1) << pageShift;
}
