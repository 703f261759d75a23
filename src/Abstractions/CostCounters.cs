namespace ArchPgtable;

/// <summary>
/// What the simulated software and hardware cost: PTE reads, writes and atomic updates,
/// hardware A/D updates, TLB flushes, contpte folds and unfolds, folio splits.
/// One instance is shared by the tables of one address space.
/// </summary>
/// <remarks>Kernel: none; the simulator's accounting (what perf and tracepoints would count).</remarks>
public sealed class CostCounters : ICostCounters, ITlbFlusher
{
    internal long _pteReads;
    internal long _pteWrites;
    internal long _atomicUpdates;
    internal long _hardwareUpdates;
    private long _tlbFlushPage;
    private long _tlbFlushRange;
    private long _tlbFlushAll;
    private long _tlbFlushedPages;
    private long _folds;
    private long _unfolds;
    private long _folioSplits;
    private long _splitPages;

    /// <summary>Software reads of a PTE word.</summary>
    public long PteReads => _pteReads;

    /// <summary>Software writes of a PTE word: plain stores plus successful atomic updates.</summary>
    public long PteWrites => _pteWrites;

    /// <summary>Software atomic operations (exchange and compare-exchange, successful or not).</summary>
    public long AtomicUpdates => _atomicUpdates;

    /// <summary>Descriptor updates made by the hardware walker.</summary>
    public long HardwareUpdates => _hardwareUpdates;

    /// <summary>Single-page TLB invalidations.</summary>
    /// <remarks>Kernel: flush_tlb_page()</remarks>
    public long TlbFlushPage => _tlbFlushPage;

    /// <summary>Range TLB invalidations.</summary>
    /// <remarks>Kernel: flush_tlb_range() / __flush_tlb_range()</remarks>
    public long TlbFlushRange => _tlbFlushRange;

    /// <summary>Whole-address-space TLB invalidations.</summary>
    /// <remarks>Kernel: flush_tlb_mm()</remarks>
    public long TlbFlushAll => _tlbFlushAll;

    /// <summary>All TLB invalidations: page + range + all.</summary>
    public long TlbFlushes => _tlbFlushPage + _tlbFlushRange + _tlbFlushAll;

    /// <summary>Pages covered by page and range invalidations.</summary>
    public long TlbFlushedPages => _tlbFlushedPages;

    /// <summary>contpte folds (non-contiguous block repainted as contiguous).</summary>
    /// <remarks>Kernel: contpte_convert() called from __contpte_try_fold()</remarks>
    public long Folds => _folds;

    /// <summary>contpte unfolds (contiguous block repainted as non-contiguous).</summary>
    /// <remarks>Kernel: contpte_convert() called from __contpte_try_unfold()</remarks>
    public long Unfolds => _unfolds;

    /// <summary>Large folios split into smaller ones.</summary>
    /// <remarks>Kernel: split_folio()</remarks>
    public long FolioSplits => _folioSplits;

    /// <summary>Pages of the folios split.</summary>
    public long SplitPages => _splitPages;

    /// <inheritdoc/>
    public void Fold(ulong addr, int nr) => _folds++;

    /// <inheritdoc/>
    public void Unfold(ulong addr, int nr) => _unfolds++;

    /// <inheritdoc/>
    public void FolioSplit(ulong pfn, int nrPages)
    {
        _folioSplits++;
        _splitPages += nrPages;
    }

    /// <inheritdoc/>
    public void FlushPage(ulong addr)
    {
        _tlbFlushPage++;
        _tlbFlushedPages++;
    }

    /// <inheritdoc/>
    public void FlushRange(ulong start, ulong end, ulong stride, bool lastLevel, bool sync)
    {
        _tlbFlushRange++;
        _tlbFlushedPages += (long)((end - start) / Math.Max(stride, 1UL));
    }

    /// <inheritdoc/>
    public void FlushAll() => _tlbFlushAll++;

    /// <summary>Takes a copy of every counter.</summary>
    public CostSnapshot Snapshot() => new(
        PteReads, PteWrites, AtomicUpdates, HardwareUpdates,
        TlbFlushPage, TlbFlushRange, TlbFlushAll, TlbFlushedPages,
        Folds, Unfolds, FolioSplits, SplitPages);

    /// <summary>Sets every counter to zero.</summary>
    public void Reset()
    {
        _pteReads = _pteWrites = _atomicUpdates = _hardwareUpdates = 0;
        _tlbFlushPage = _tlbFlushRange = _tlbFlushAll = _tlbFlushedPages = 0;
        _folds = _unfolds = _folioSplits = _splitPages = 0;
    }
}
