namespace ArchPgtable.Mm.PageTables;

/// <summary>
/// One PMD table: per slot either a pointer to a PTE table (<see cref="Tables"/>) or a huge leaf entry kept in
/// <see cref="Entries"/> (a PMD slot is a <see cref="PtePointer"/> the PMD helpers act on). A slot whose entry word is not
/// zero maps (or is invalidating) a PMD-sized folio and has no PTE table.
/// </summary>
/// <remarks>Kernel: a pmd_t page; pmd_none(), pmd_trans_huge() / pmd_leaf(), pmd_page() of a table entry.</remarks>
public sealed class PmdTable
{
    private readonly CostCounters _counters;
    private readonly ulong _baseAddress;

    internal PmdTable(int entries, CostCounters counters, ulong baseAddress)
    {
        _counters = counters;
        _baseAddress = baseAddress;
        Tables = new PteTable?[entries];
    }

    /// <summary>The leaf entries (zero where the slot is empty or points to a PTE table); null until a slot is asked for
    /// (<see cref="PageTableTree.PmdPointer"/>), so memory that is only PTE-mapped pays nothing for it.</summary>
    public PteTable? Entries { get; private set; }

    /// <summary>The PTE tables (null where the slot is empty or a leaf).</summary>
    internal PteTable?[] Tables { get; }

    /// <summary>The raw leaf word of slot <paramref name="index"/> (hardware view: not counted); none when no leaf table exists.</summary>
    internal Pte PeekLeaf(int index) => Entries is { } e ? e.Peek(index) : Pte.None;

    /// <summary><see cref="Entries"/>, allocated on first use.</summary>
    internal PteTable LeafEntries() => Entries ??= new PteTable(Tables.Length, _counters, _baseAddress);
}
