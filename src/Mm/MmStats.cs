namespace ArchPgtable.Mm;

/// <summary>Core-mm event counts beyond the PTE-level <see cref="CostCounters"/>.</summary>
public sealed class MmStats
{
    /// <summary>Page faults handled (any kind).</summary>
    public long Faults { get; internal set; }

    /// <summary>Anonymous folios allocated by faults.</summary>
    public long AnonFolios { get; internal set; }

    /// <summary>Copy-on-write copies.</summary>
    public long CowCopies { get; internal set; }

    /// <summary>Folios marked lazyfree (kernel: folio_mark_lazyfree()).</summary>
    public long LazyfreeFolios { get; internal set; }

    /// <summary>Folios handled by a madvise walk (lazyfree or cold).</summary>
    public long MadviseFolios { get; internal set; }

    /// <summary>PTEs visited by madvise walks.</summary>
    public long MadvisePtes { get; internal set; }

    /// <summary>Lazyfree folios discarded by reclaim.</summary>
    public long Discarded { get; internal set; }

    /// <summary>Lazyfree folios reclaim found dirty and made swap-backed again.</summary>
    public long Redirtied { get; internal set; }

    /// <summary>Pages swapped out.</summary>
    public long SwappedOut { get; internal set; }

    /// <summary>Pages swapped in.</summary>
    public long SwappedIn { get; internal set; }

    /// <summary>Folios reclaim kept because they were referenced.</summary>
    public long KeptReferenced { get; internal set; }

    /// <summary>Allocations that had to reclaim first (direct reclaim runs).</summary>
    /// <remarks>Kernel: allocstall</remarks>
    public long DirectReclaims { get; internal set; }

    /// <summary>TLB hits and misses of data accesses.</summary>
    public long TlbHits { get; internal set; }

    /// <summary>TLB misses (walks).</summary>
    public long TlbMisses { get; internal set; }

    /// <summary>fork() copies of present PTEs to a folio: one per PTE before v6.9, one per batch after (kernel: copy_present_pte(s)() calls).</summary>
    public long ForkCopies { get; internal set; }

    /// <summary>Anonymous faults that mapped a PMD-order folio with one leaf PMD (kernel: THP_FAULT_ALLOC).</summary>
    public long ThpFaults { get; internal set; }

    /// <summary>Huge faults that found no free PMD-order block and fell back to the PTE path (kernel: THP_FAULT_FALLBACK).</summary>
    public long ThpFaultFallbacks { get; internal set; }

    /// <summary>Huge PMDs split into PTE tables (kernel: THP_SPLIT_PMD).</summary>
    public long PmdSplits { get; internal set; }

    /// <summary>Lazyfree PMD-mapped folios reclaim discarded whole, without a split (also counted in <see cref="Discarded"/>).</summary>
    public long ThpDiscarded { get; internal set; }

    /// <summary>Sets every count to zero.</summary>
    public void Reset()
    {
        Faults = AnonFolios = CowCopies = LazyfreeFolios = MadviseFolios = MadvisePtes = 0;
        Discarded = Redirtied = SwappedOut = SwappedIn = KeptReferenced = TlbHits = TlbMisses = ForkCopies = DirectReclaims = 0;
        ThpFaults = ThpFaultFallbacks = PmdSplits = ThpDiscarded = 0;
    }
}
