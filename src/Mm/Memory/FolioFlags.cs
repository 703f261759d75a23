namespace ArchPgtable.Mm.Memory;

/// <summary>Folio state bits, kept on the folio's head page.</summary>
/// <remarks>Kernel: enum pageflags (PG_anon via mapping, PG_swapbacked, PG_dirty, PG_swapcache, PG_referenced, PG_lru, PG_locked).</remarks>
[Flags]
public enum FolioFlags : byte
{
    /// <summary>Free or not a head page.</summary>
    None = 0,

    /// <summary>The folio is allocated (in use).</summary>
    Allocated = 1,

    /// <summary>Anonymous memory.</summary>
    /// <remarks>Kernel: folio_test_anon()</remarks>
    Anon = 2,

    /// <summary>Backed by swap; an anon folio without it is lazyfree.</summary>
    /// <remarks>Kernel: PG_swapbacked</remarks>
    SwapBacked = 4,

    /// <summary>Dirty.</summary>
    /// <remarks>Kernel: PG_dirty</remarks>
    Dirty = 8,

    /// <summary>In the swap cache.</summary>
    /// <remarks>Kernel: PG_swapcache</remarks>
    SwapCache = 16,

    /// <summary>Recently referenced.</summary>
    /// <remarks>Kernel: PG_referenced</remarks>
    Referenced = 32,

    /// <summary>Locked (a test may lock a folio to make trylock fail).</summary>
    /// <remarks>Kernel: PG_locked</remarks>
    Locked = 64,
}
