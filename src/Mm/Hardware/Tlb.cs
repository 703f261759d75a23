namespace ArchPgtable.Mm.Hardware;

/// <summary>
/// A TLB shared by every address space (tagged by ASID), with FIFO replacement. An entry keeps
/// granting what its descriptor granted until a flush removes it: a missing flush is observable.
/// </summary>
/// <remarks>Kernel: none; the hardware TLB that flush_tlb_*() and TLBI maintain.</remarks>
public sealed class Tlb
{
    private readonly Dictionary<(int Asid, ulong BaseVpn, int Pages), TlbEntry> _entries;
    private readonly Queue<(int Asid, ulong BaseVpn, int Pages)> _fifo = new();
    private readonly int _capacity;

    /// <summary>Creates a TLB of <paramref name="capacity"/> entries.</summary>
    public Tlb(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _capacity = capacity;
        _entries = new(capacity);
    }

    /// <summary>Entries cached now.</summary>
    public int Count => _entries.Count;

    /// <summary>Finds the entry covering <paramref name="vpn"/>: a page entry, or a block entry of <paramref name="blockPages"/> pages.</summary>
    public bool TryLookup(int asid, ulong vpn, int blockPages, out TlbEntry entry)
    {
        if (_entries.TryGetValue((asid, vpn, 1), out entry))
        {
            return true;
        }

        return blockPages > 1 && _entries.TryGetValue((asid, vpn & ~(ulong)(blockPages - 1), blockPages), out entry);
    }

    /// <summary>Finds the entry covering <paramref name="vpn"/>: a page, a contiguous block of <paramref name="blockPages"/> pages, or
    /// (when <paramref name="pmdPages"/> &gt; 1) a huge PMD of <paramref name="pmdPages"/> pages cached as one entry.</summary>
    public bool TryLookup(int asid, ulong vpn, int blockPages, int pmdPages, out TlbEntry entry) =>
        TryLookup(asid, vpn, blockPages, out entry)
        || (pmdPages > 1 && _entries.TryGetValue((asid, vpn & ~(ulong)(pmdPages - 1), pmdPages), out entry));

    /// <summary>Caches an entry, evicting the oldest when full.</summary>
    public void Fill(int asid, TlbEntry entry)
    {
        var key = (asid, entry.BaseVpn, entry.Pages);
        if (_entries.ContainsKey(key))
        {
            _entries[key] = entry;
            return;
        }

        while (_entries.Count >= _capacity && _fifo.Count > 0)
        {
            _entries.Remove(_fifo.Dequeue());
        }

        _entries[key] = entry;
        _fifo.Enqueue(key);
        if (_fifo.Count > 4 * _capacity)
        {
            Compact();
        }
    }

    /// <summary>Removes every entry of <paramref name="asid"/> that covers a page in <c>[startVpn, endVpn)</c>.</summary>
    /// <remarks>Kernel: TLBI VAE1IS per page / TLBI RVAE1IS; INVLPG; SFENCE.VMA with an address</remarks>
    public void InvalidateRange(int asid, ulong startVpn, ulong endVpn, int blockPages) => InvalidateRange(asid, startVpn, endVpn, blockPages, 0);

    /// <summary>Removes every entry of <paramref name="asid"/> that covers a page in <c>[startVpn, endVpn)</c>, huge PMD entries of
    /// <paramref name="pmdPages"/> pages included (0: none are cached).</summary>
    /// <remarks>Kernel: TLBI VAE1IS per page / TLBI RVAE1IS; INVLPG; SFENCE.VMA with an address — a block entry is hit by any address in it</remarks>
    public void InvalidateRange(int asid, ulong startVpn, ulong endVpn, int blockPages, int pmdPages)
    {
        if (endVpn <= startVpn)
        {
            return;
        }

        if (endVpn - startVpn > (ulong)_entries.Count)
        {
            // A range wider than the TLB: test the cached entries instead of the range's pages. When
            // every entry is hit (a big munmap or madvise flushing what it just touched), clearing the
            // table is the same and skips a hash lookup per entry.
            var hits = 0;
            foreach (var key in _entries.Keys)
            {
                if (Hits(key, asid, startVpn, endVpn))
                {
                    hits++;
                }
            }

            if (hits == _entries.Count)
            {
                _entries.Clear();
                return;
            }

            // Removing the current key while enumerating is allowed and allocates no key list.
            foreach (var key in _entries.Keys)
            {
                if (Hits(key, asid, startVpn, endVpn))
                {
                    _entries.Remove(key);
                }
            }

            return;
        }

        for (var vpn = startVpn; vpn < endVpn; vpn++)
        {
            _entries.Remove((asid, vpn, 1));
            if (blockPages > 1)
            {
                _entries.Remove((asid, vpn & ~(ulong)(blockPages - 1), blockPages));
            }
        }

        if (pmdPages > 1)
        {
            for (var b = startVpn & ~(ulong)(pmdPages - 1); b < endVpn; b += (ulong)pmdPages)
            {
                _entries.Remove((asid, b, pmdPages));
            }
        }
    }

    /// <summary>Removes every entry of <paramref name="asid"/>.</summary>
    /// <remarks>Kernel: TLBI ASIDE1IS; flush_tlb_mm()</remarks>
    public void InvalidateAsid(int asid)
    {
        foreach (var key in _entries.Keys.Where(k => k.Asid == asid).ToList())
        {
            _entries.Remove(key);
        }
    }

    /// <summary>The cached entries of <paramref name="asid"/> (for checkers).</summary>
    public IEnumerable<TlbEntry> EntriesOf(int asid) =>
        _entries.Where(kv => kv.Key.Asid == asid).Select(kv => kv.Value);

    private void Compact()
    {
        var live = _fifo.Where(_entries.ContainsKey).Distinct().ToList();
        _fifo.Clear();
        foreach (var k in live)
        {
            _fifo.Enqueue(k);
        }
    }

    /// <summary>True when <paramref name="key"/> is an entry of <paramref name="asid"/> covering a page in <c>[startVpn, endVpn)</c>.</summary>
    private static bool Hits((int Asid, ulong BaseVpn, int Pages) key, int asid, ulong startVpn, ulong endVpn) =>
        key.Asid == asid && key.BaseVpn < endVpn && key.BaseVpn + (ulong)key.Pages > startVpn;
}
