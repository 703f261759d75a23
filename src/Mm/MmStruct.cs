using System.Globalization;
using ArchPgtable.Mm.Hardware;
using ArchPgtable.Mm.Memory;
using ArchPgtable.Mm.PageTables;

namespace ArchPgtable.Mm;

/// <summary>
/// One address space: its VMAs, its page-table tree and its TLB maintenance. It is the
/// <see cref="IMmContext"/> the page-table helpers see. Software runs single-threaded with the
/// page-table lock notionally held for every operation; the simulated hardware acts only
/// between operations or, in race-injection tests, between two PTE-word accesses.
/// </summary>
/// <remarks>Kernel: struct mm_struct (and the vm_area_struct the helpers are given).</remarks>
public sealed class MmStruct : IMmContext
{
    private readonly List<Vma> _vmas = [];

    internal MmStruct(MmSystem system, int id)
    {
        System = system;
        Id = id;
        PageTable = new PageTableTree(system.Arch.Geometry, system.Counters);
        Tlb = new MmTlbFlusher(system, id);
        Counters = system.Counters;
    }

    /// <summary>The machine this address space lives in.</summary>
    public MmSystem System { get; }

    /// <summary>The address-space id (ASID) tagging its TLB entries.</summary>
    public int Id { get; }

    /// <summary>The page-table tree.</summary>
    public PageTableTree PageTable { get; }

    /// <summary>The VMAs, sorted by address.</summary>
    public IReadOnlyList<Vma> Vmas => _vmas;

    /// <inheritdoc/>
    public bool IsUserMm => true;

    /// <inheritdoc/>
    public ITlbFlusher Tlb { get; internal set; }

    /// <inheritdoc/>
    public ICostCounters Counters { get; internal set; }

    /// <inheritdoc/>
    public bool TryGetFolio(ulong pfn, out FolioExtent folio)
    {
        var mem = System.Memory;
        if (!mem.IsValid(pfn) || pfn == mem.ZeroPfn || (mem.Flags(pfn) & FolioFlags.Allocated) == 0)
        {
            folio = default;
            return false;
        }

        folio = mem.FolioOf(pfn);
        return true;
    }

    /// <summary>Maps an anonymous range; nothing is populated until it is touched.</summary>
    /// <exception cref="ArgumentException">Unaligned, empty, or overlapping an existing VMA.</exception>
    /// <remarks>Kernel: mmap(MAP_ANONYMOUS | MAP_PRIVATE (or MAP_SHARED), MAP_FIXED_NOREPLACE)</remarks>
    public Vma Mmap(ulong start, ulong length, VmFlags flags)
    {
        var page = System.Arch.Geometry.PageSize;
        if (length == 0 || (start & (page - 1)) != 0 || (length & (page - 1)) != 0)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"mmap: start 0x{start:x} and length 0x{length:x} must be non-zero multiples of the {page}-byte page size."));
        }

        var end = start + length;
        if (end < start || (System.Arch.Geometry.VaBits < 64 && end > 1UL << System.Arch.Geometry.VaBits))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"mmap: [0x{start:x}, 0x{end:x}) is outside the user address space."));
        }

        if (_vmas.Any(v => v.Start < end && start < v.End))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"mmap: [0x{start:x}, 0x{end:x}) overlaps an existing VMA."));
        }

        var vma = new Vma(start, end, flags, System.Arch.Format.ProtFor(flags));
        _vmas.Add(vma);
        _vmas.Sort((a, b) => a.Start.CompareTo(b.Start));
        System.Oracle?.OnMap(this, start, end);
        return vma;
    }

    /// <summary>The VMA containing <paramref name="va"/>, or null.</summary>
    /// <remarks>Kernel: vma_lookup()</remarks>
    public Vma? FindVma(ulong va)
    {
        foreach (var v in _vmas)
        {
            if (v.Contains(va))
            {
                return v;
            }
        }

        return null;
    }

    internal Vma AddVmaCopy(Vma source)
    {
        var vma = new Vma(source.Start, source.End, source.Flags, source.PageProt);
        _vmas.Add(vma);
        _vmas.Sort((a, b) => a.Start.CompareTo(b.Start));
        return vma;
    }

    /// <summary>Gives <c>[start, end)</c> (inside VMAs) the permissions <paramref name="flags"/> (keeping each VMA's <see cref="VmFlags.Shared"/>), splitting VMAs at the ends.</summary>
    /// <remarks>Kernel: mprotect_fixup() → vma_modify_flags() (split_vma()), vma_set_page_prot()</remarks>
    internal void SetFlags(ulong start, ulong end, VmFlags flags)
    {
        var fmt = System.Arch.Format;
        var result = new List<Vma>();
        foreach (var v in _vmas)
        {
            if (v.End <= start || v.Start >= end)
            {
                result.Add(v);
                continue;
            }

            if (v.Start < start)
            {
                result.Add(new Vma(v.Start, start, v.Flags, v.PageProt));
            }

            var f = (flags & ~VmFlags.Shared) | (v.Flags & VmFlags.Shared);
            result.Add(new Vma(Math.Max(v.Start, start), Math.Min(v.End, end), f, fmt.ProtFor(f)));
            if (v.End > end)
            {
                result.Add(new Vma(end, v.End, v.Flags, v.PageProt));
            }
        }

        _vmas.Clear();
        _vmas.AddRange(result.OrderBy(v => v.Start));
    }

    /// <summary>Adds a VMA at <c>[start, end)</c> with <paramref name="source"/>'s permissions (the range must be free).</summary>
    /// <remarks>Kernel: copy_vma() (mremap's new VMA)</remarks>
    internal Vma AddVma(ulong start, ulong end, Vma source)
    {
        var vma = new Vma(start, end, source.Flags, source.PageProt);
        _vmas.Add(vma);
        _vmas.Sort((a, b) => a.Start.CompareTo(b.Start));
        return vma;
    }

    internal void RemoveRange(ulong start, ulong end)
    {
        var result = new List<Vma>();
        foreach (var v in _vmas)
        {
            if (v.End <= start || v.Start >= end)
            {
                result.Add(v);
                continue;
            }

            if (v.Start < start)
            {
                result.Add(new Vma(v.Start, start, v.Flags, v.PageProt));
            }

            if (v.End > end)
            {
                result.Add(new Vma(end, v.End, v.Flags, v.PageProt));
            }
        }

        _vmas.Clear();
        _vmas.AddRange(result.OrderBy(v => v.Start));
    }
}
