namespace ArchPgtable.Mm.Memory;

/// <summary>A swap device: slots holding a page's content version, reference-counted across fork.</summary>
/// <remarks>Kernel: swap_info_struct, swap_map counts (swap_duplicate(), swap_free()).</remarks>
public sealed class SwapSpace
{
    private readonly Dictionary<ulong, (int Version, int Refs)> _slots = [];
    private ulong _next = 1;

    /// <summary>Slots in use.</summary>
    public int Used => _slots.Count;

    /// <summary>Writes a page out; returns the slot.</summary>
    /// <remarks>Kernel: folio_alloc_swap() + swap_writepage()</remarks>
    public ulong Store(int version)
    {
        var slot = _next++;
        _slots[slot] = (version, 1);
        return slot;
    }

    /// <summary>The version stored in a slot.</summary>
    /// <exception cref="InvalidOperationException">The slot is not in use.</exception>
    public int Read(ulong slot) =>
        _slots.TryGetValue(slot, out var s) ? s.Version : throw new InvalidOperationException($"swap slot {slot} is not in use.");

    /// <summary>Adds a reference (a forked child maps the same swap entry).</summary>
    /// <remarks>Kernel: swap_duplicate()</remarks>
    public void Duplicate(ulong slot)
    {
        var s = _slots[slot];
        _slots[slot] = (s.Version, s.Refs + 1);
    }

    /// <summary>Drops a reference; the slot is freed with the last one.</summary>
    /// <remarks>Kernel: swap_free() / free_swap_and_cache()</remarks>
    public void Free(ulong slot)
    {
        var s = _slots[slot];
        if (s.Refs <= 1)
        {
            _slots.Remove(slot);
        }
        else
        {
            _slots[slot] = (s.Version, s.Refs - 1);
        }
    }
}
