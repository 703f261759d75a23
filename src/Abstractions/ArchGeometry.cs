namespace ArchPgtable;

/// <summary>
/// The shape of an architecture's page tables: page size, entries per table, levels, and the
/// contiguous-PTE block size (1 where the architecture has none).
/// </summary>
/// <remarks>Kernel: PAGE_SHIFT, PTRS_PER_PTE, CONFIG_PGTABLE_LEVELS, VA_BITS, CONT_PTES.</remarks>
public sealed record ArchGeometry
{
    /// <summary>Creates a geometry.</summary>
    /// <param name="pageShift">log2 of the page size (12, 14 or 16).</param>
    /// <param name="vaBits">Virtual address bits translated (39, 48, …).</param>
    /// <param name="contPtes">Entries in a contiguous block; 1 when the architecture has none.</param>
    public ArchGeometry(int pageShift, int vaBits, int contPtes)
    {
        if (pageShift is < 12 or > 16)
        {
            throw new ArgumentOutOfRangeException(nameof(pageShift), pageShift, "PAGE_SHIFT must be 12..16.");
        }

        if (vaBits <= pageShift || vaBits > 57)
        {
            throw new ArgumentOutOfRangeException(nameof(vaBits), vaBits, "VA_BITS must exceed PAGE_SHIFT and be at most 57.");
        }

        var ptrsPerPte = 1 << (pageShift - 3);
        if (contPtes < 1 || (contPtes & (contPtes - 1)) != 0 || contPtes > ptrsPerPte)
        {
            throw new ArgumentOutOfRangeException(nameof(contPtes), contPtes, "CONT_PTES must be a power of two no larger than PTRS_PER_PTE.");
        }

        PageShift = pageShift;
        VaBits = vaBits;
        ContPtes = contPtes;
        PtrsPerPte = ptrsPerPte;
        BitsPerLevel = pageShift - 3;
        Levels = (vaBits - pageShift + BitsPerLevel - 1) / BitsPerLevel;
    }

    /// <summary>log2 of the page size.</summary>
    /// <remarks>Kernel: PAGE_SHIFT</remarks>
    public int PageShift { get; }

    /// <summary>The page size in bytes.</summary>
    /// <remarks>Kernel: PAGE_SIZE</remarks>
    public ulong PageSize => 1UL << PageShift;

    /// <summary>Virtual address bits translated.</summary>
    /// <remarks>Kernel: VA_BITS</remarks>
    public int VaBits { get; }

    /// <summary>Entries per page table (8-byte entries filling one page).</summary>
    /// <remarks>Kernel: PTRS_PER_PTE</remarks>
    public int PtrsPerPte { get; }

    /// <summary>Index bits resolved per level.</summary>
    public int BitsPerLevel { get; }

    /// <summary>Translation levels, the PTE level included.</summary>
    /// <remarks>Kernel: CONFIG_PGTABLE_LEVELS</remarks>
    public int Levels { get; }

    /// <summary>Entries in a contiguous block; 1 when the architecture has none.</summary>
    /// <remarks>Kernel: CONT_PTES (arm64), napot_pte_num() (riscv)</remarks>
    public int ContPtes { get; }

    /// <summary>Bytes mapped by a contiguous block.</summary>
    /// <remarks>Kernel: CONT_PTE_SIZE</remarks>
    public ulong ContPteSize => (ulong)ContPtes << PageShift;

    /// <summary>Bytes mapped by one PTE table (the span of one PMD entry).</summary>
    /// <remarks>Kernel: PMD_SIZE</remarks>
    public ulong PmdSize => (ulong)PtrsPerPte << PageShift;

    /// <summary>The index of <paramref name="addr"/>'s entry in its PTE table.</summary>
    /// <remarks>Kernel: pte_index()</remarks>
    public int PteIndex(ulong addr) => (int)((addr >> PageShift) & (ulong)(PtrsPerPte - 1));
}
