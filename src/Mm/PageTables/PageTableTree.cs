using System.Globalization;

namespace ArchPgtable.Mm.PageTables;

/// <summary>
/// A radix page table for one address space: upper levels (PGD … PMD) are arrays of child
/// references allocated on demand; the last level is a <see cref="PteTable"/> per PMD entry.
/// </summary>
/// <remarks>Kernel: mm-&gt;pgd and the pgd/p4d/pud/pmd/pte levels (pte_alloc_map_lock(), pte_offset_map_lock()).</remarks>
public sealed class PageTableTree
{
    private readonly ArchGeometry _geometry;
    private readonly CostCounters _counters;
    private readonly object?[] _root;
    private readonly PmdTable? _rootPmd;

    /// <summary>Creates an empty tree.</summary>
    public PageTableTree(ArchGeometry geometry, CostCounters counters)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        ArgumentNullException.ThrowIfNull(counters);
        _geometry = geometry;
        _counters = counters;
        _root = new object?[1 << geometry.BitsPerLevel];
        if (geometry.Levels == 2)
        {
            _rootPmd = new PmdTable(1 << geometry.BitsPerLevel, counters, 0); // the root is the PMD table
        }
    }

    /// <summary>PTE tables allocated so far.</summary>
    public int PteTables { get; private set; }

    /// <summary>Upper-level tables allocated so far (the root included).</summary>
    public int UpperTables { get; private set; } = 1;

    /// <summary>Bytes of page-table memory: every table is one page of 8-byte entries.</summary>
    public long Bytes => (long)(PteTables + UpperTables) * _geometry.PtrsPerPte * sizeof(ulong);

    /// <summary>The PTE table that maps <paramref name="va"/>, or null when none is allocated (also where a huge PMD maps it).</summary>
    /// <remarks>Kernel: pte_offset_map()</remarks>
    public PteTable? Find(ulong va)
    {
        var pmd = WalkPmd(va, allocate: false);
        return pmd?.Tables[PmdIndex(va)];
    }

    /// <summary>The PTE table that maps <paramref name="va"/>, allocating the path to it on demand.</summary>
    /// <exception cref="InvalidOperationException">A huge PMD maps <paramref name="va"/> (split it first).</exception>
    /// <remarks>Kernel: pte_alloc_map()</remarks>
    public PteTable GetOrAllocate(ulong va)
    {
        var pmd = WalkPmd(va, allocate: true)!;
        var idx = PmdIndex(va);
        if (pmd.Tables[idx] is { } table)
        {
            return table;
        }

        if (!pmd.PeekLeaf(idx).IsNone)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"a huge PMD (0x{pmd.PeekLeaf(idx).Value:x}) maps 0x{va:x}: split it before allocating a PTE table there."));
        }

        table = new PteTable(_geometry.PtrsPerPte, _counters, va & ~(_geometry.PmdSize - 1));
        pmd.Tables[idx] = table;
        PteTables++;
        return table;
    }

    /// <summary>A pointer to the PTE that maps <paramref name="va"/>, allocating its table on demand.</summary>
    public PtePointer PtePointer(ulong va) => GetOrAllocate(va)[_geometry.PteIndex(va)];

    /// <summary>The PMD slot of <paramref name="va"/>, or null when its PMD table (or its leaf words) is not allocated: then no huge PMD maps it.</summary>
    /// <remarks>Kernel: pmd_offset() (on a present pud)</remarks>
    public PtePointer? FindPmd(ulong va) => WalkPmd(va, allocate: false) is { Entries: { } entries } ? entries[PmdIndex(va)] : null;

    /// <summary>The PMD slot of <paramref name="va"/>, allocating the PMD table on demand.</summary>
    /// <remarks>Kernel: pmd_alloc()</remarks>
    public PtePointer PmdPointer(ulong va) => WalkPmd(va, allocate: true)!.LeafEntries()[PmdIndex(va)];

    /// <summary>The raw huge PMD entry mapping <paramref name="va"/>, or <see cref="Pte.None"/> when no leaf maps it (hardware view: not counted).</summary>
    /// <remarks>Kernel: pmd_trans_huge(*pmd) || is_pmd_migration_entry() — any non-table, non-empty PMD</remarks>
    public Pte PeekHuge(ulong va) => WalkPmd(va, allocate: false) is { } pmd ? pmd.PeekLeaf(PmdIndex(va)) : Pte.None;

    /// <summary>Removes the PTE table of <paramref name="va"/>'s PMD slot (it must hold only empty entries) so a huge leaf can be installed.</summary>
    /// <remarks>Kernel: pte_free() of an empty table (collapse / a fresh huge fault finds pmd_none)</remarks>
    internal void DetachTable(ulong va)
    {
        if (WalkPmd(va, allocate: false) is { } pmd && pmd.Tables[PmdIndex(va)] is not null)
        {
            pmd.Tables[PmdIndex(va)] = null;
            PteTables--;
        }
    }

    /// <summary>Installs <paramref name="table"/> as the PTE table of <paramref name="va"/>'s PMD slot (whose leaf word the caller has cleared).</summary>
    /// <remarks>Kernel: pmd_populate() (__split_huge_pmd_locked's deposited table)</remarks>
    internal void AttachTable(ulong va, PteTable table)
    {
        var pmd = WalkPmd(va, allocate: true)!;
        var idx = PmdIndex(va);
        if (pmd.Tables[idx] is not null || !pmd.PeekLeaf(idx).IsNone)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"pmd_populate: the PMD slot of 0x{va:x} is not empty."));
        }

        pmd.Tables[idx] = table;
        PteTables++;
    }

    /// <summary>A fresh, empty PTE table for the PMD range of <paramref name="va"/> (not attached).</summary>
    internal PteTable NewTable(ulong va) => new(_geometry.PtrsPerPte, _counters, va & ~(_geometry.PmdSize - 1));

    /// <summary>Visits every allocated PTE table that intersects <c>[start, end)</c>, in address order.</summary>
    public IEnumerable<PteTable> TablesIn(ulong start, ulong end)
    {
        for (var va = start & ~(_geometry.PmdSize - 1); va < end; va += _geometry.PmdSize)
        {
            var t = Find(va);
            if (t is not null)
            {
                yield return t;
            }
        }
    }

    private int PmdIndex(ulong va) => (int)((va >> (_geometry.PageShift + _geometry.BitsPerLevel)) & (ulong)((1 << _geometry.BitsPerLevel) - 1));

    private PmdTable? WalkPmd(ulong va, bool allocate)
    {
        if (_geometry.VaBits < 64 && va >> _geometry.VaBits != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(va), va,
                string.Create(CultureInfo.InvariantCulture, $"address 0x{va:x} is outside the {_geometry.VaBits}-bit user address space."));
        }

        if (_rootPmd is not null)
        {
            return _rootPmd;
        }

        var node = _root;
        var mask = (ulong)((1 << _geometry.BitsPerLevel) - 1);
        for (var level = 0; level < _geometry.Levels - 2; level++)
        {
            var shift = _geometry.PageShift + (_geometry.BitsPerLevel * (_geometry.Levels - 1 - level));
            var idx = (int)((va >> shift) & mask);
            var last = level == _geometry.Levels - 3;
            var child = node[idx];
            if (child is null)
            {
                if (!allocate)
                {
                    return null;
                }

                child = last
                    ? new PmdTable(1 << _geometry.BitsPerLevel, _counters, va & ~((1UL << shift) - 1))
                    : new object?[1 << _geometry.BitsPerLevel];
                UpperTables++;
                node[idx] = child;
            }

            if (last)
            {
                return (PmdTable)child;
            }

            node = (object?[])child;
        }

        throw new InvalidOperationException("page-table geometry has fewer than two levels.");
    }
}
