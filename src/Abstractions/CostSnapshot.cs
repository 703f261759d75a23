namespace ArchPgtable;

/// <summary>A copy of <see cref="CostCounters"/> at one moment; subtract two to get the cost of what ran between them.</summary>
/// <param name="PteReads">Software reads of a PTE word.</param>
/// <param name="PteWrites">Software writes of a PTE word.</param>
/// <param name="AtomicUpdates">Software atomic operations.</param>
/// <param name="HardwareUpdates">Hardware walker descriptor updates.</param>
/// <param name="TlbFlushPage">Single-page TLB invalidations.</param>
/// <param name="TlbFlushRange">Range TLB invalidations.</param>
/// <param name="TlbFlushAll">Whole-mm TLB invalidations.</param>
/// <param name="TlbFlushedPages">Pages covered by page and range invalidations.</param>
/// <param name="Folds">contpte folds.</param>
/// <param name="Unfolds">contpte unfolds.</param>
/// <param name="FolioSplits">Folio splits.</param>
/// <param name="SplitPages">Pages of the folios split.</param>
public readonly record struct CostSnapshot(
    long PteReads, long PteWrites, long AtomicUpdates, long HardwareUpdates,
    long TlbFlushPage, long TlbFlushRange, long TlbFlushAll, long TlbFlushedPages,
    long Folds, long Unfolds, long FolioSplits, long SplitPages)
{
    /// <summary>All TLB invalidations.</summary>
    public long TlbFlushes => TlbFlushPage + TlbFlushRange + TlbFlushAll;

    /// <summary>The difference of two snapshots, counter by counter.</summary>
    public static CostSnapshot operator -(CostSnapshot a, CostSnapshot b) => new(
        a.PteReads - b.PteReads, a.PteWrites - b.PteWrites, a.AtomicUpdates - b.AtomicUpdates,
        a.HardwareUpdates - b.HardwareUpdates, a.TlbFlushPage - b.TlbFlushPage,
        a.TlbFlushRange - b.TlbFlushRange, a.TlbFlushAll - b.TlbFlushAll,
        a.TlbFlushedPages - b.TlbFlushedPages, a.Folds - b.Folds, a.Unfolds - b.Unfolds,
        a.FolioSplits - b.FolioSplits, a.SplitPages - b.SplitPages);

    /// <summary>The difference of two snapshots.</summary>
    public static CostSnapshot Subtract(CostSnapshot a, CostSnapshot b) => a - b;
}
