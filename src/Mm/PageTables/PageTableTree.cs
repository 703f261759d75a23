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

    /// <summary>Creates an empty tree.</summary>
    public PageTableTree(ArchGeometry geometry, CostCounters counters)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        ArgumentNullException.ThrowIfNull(counters);
        _geometry = geometry;
        _counters = counters;
        _root = new object?[1 << geometry.BitsPerLevel];
    }

    /// <summary>PTE tables allocated so far.</summary>
    public int PteTables { get; private set; }

    /// <summary>Upper-level tables allocated so far (the root included).</summary>
    public int UpperTables { get; private set; } = 1;

    /// <summary>Bytes of page-table memory: every table is one page of 8-byte entries.</summary>
    public long Bytes => (long)(PteTables + UpperTables) * _geometry.PtrsPerPte * sizeof(ulong);

    /// <summary>The PTE table that maps <paramref name="va"/>, or null when none is allocated.</summary>
    /// <remarks>Kernel: pte_offset_map()</remarks>
    public PteTable? Find(ulong va) => Walk(va, allocate: false);

    /// <summary>The PTE table that maps <paramref name="va"/>, allocating the path to it on demand.</summary>
    /// <remarks>Kernel: pte_alloc_map()</remarks>
    public PteTable GetOrAllocate(ulong va) => Walk(va, allocate: true)!;

    /// <summary>A pointer to the PTE that maps <paramref name="va"/>, allocating its table on demand.</summary>
    public PtePointer PtePointer(ulong va) => GetOrAllocate(va)[_geometry.PteIndex(va)];

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

    private PteTable? Walk(ulong va, bool allocate)
    {
        if (_geometry.VaBits < 64 && va >> _geometry.VaBits != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(va), va,
                string.Create(CultureInfo.InvariantCulture, $"address 0x{va:x} is outside the {_geometry.VaBits}-bit user address space."));
        }

        var node = _root;
        var mask = (ulong)((1 << _geometry.BitsPerLevel) - 1);
        for (var level = 0; level < _geometry.Levels - 1; level++)
        {
            var shift = _geometry.PageShift + (_geometry.BitsPerLevel * (_geometry.Levels - 1 - level));
            var idx = (int)((va >> shift) & mask);
            var last = level == _geometry.Levels - 2;
            var child = node[idx];
            if (child is null)
            {
                if (!allocate)
                {
                    return null;
                }

                if (last)
                {
                    child = new PteTable(_geometry.PtrsPerPte, _counters, va & ~(_geometry.PmdSize - 1));
                    PteTables++;
                }
                else
                {
                    child = new object?[1 << _geometry.BitsPerLevel];
                    UpperTables++;
                }

                node[idx] = child;
            }

            if (last)
            {
                return (PteTable)child;
            }

            node = (object?[])child;
        }

        throw new InvalidOperationException("page-table geometry has fewer than two levels.");
    }
}
