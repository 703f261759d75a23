namespace ArchPgtable.Mm.PageTables;

/// <summary>
/// One PMD table: per slot either a pointer to a PTE table (<see cref="Tables"/>) or a huge leaf entry kept in
/// <see cref="Entries"/> (a PMD slot is a <see cref="PtePointer"/> the PMD helpers act on). A slot whose entry word is not
/// zero maps (or is invalidating) a PMD-sized folio and has no PTE table.
/// </summary>
/// <remarks>Kernel: a pmd_t page; pmd_none(), pmd_trans_huge() / pmd_leaf(), pmd_page() of a table entry.</remarks>
public sealed class PmdTable
{
    internal PmdTable(int entries, CostCounters counters, ulong baseAddress)
    {
        Entries = new PteTable(entries, counters, baseAddress);
        Tables = new PteTable?[entries];
    }

    /// <summary>The leaf entries (zero where the slot is empty or points to a PTE table).</summary>
    public PteTable Entries { get; }

    /// <summary>The PTE tables (null where the slot is empty or a leaf).</summary>
    internal PteTable?[] Tables { get; }
}
