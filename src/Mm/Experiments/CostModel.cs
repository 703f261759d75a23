namespace ArchPgtable.Mm.Experiments;

/// <summary>
/// Turns counted events into simulated time. The default weights were fitted to the published
/// lazyfree table (Intel i5, cover letter of the v10 series) when the experiment was written: the
/// per-folio, per-PTE and split weights approximate its 4K, 16K and 1M rows. They have not been
/// refitted since (arm64's mainline contpte_ptep_get() early exit, modelled later, removed PTE reads
/// from the contiguous rows), so the table is matched by shape, not by construction (README, "Cost
/// model"). TLB weights are plausible broadcast-TLBI costs, not measured.
/// </summary>
public sealed record CostModel
{
    /// <summary>The fitted default.</summary>
    public static CostModel Default { get; } = new();

    /// <summary>A software read of a PTE word (ns).</summary>
    public double PteReadNs { get; init; } = 1;

    /// <summary>A software write of a PTE word (ns).</summary>
    public double PteWriteNs { get; init; } = 2;

    /// <summary>An atomic PTE update (ns), on top of its read/write.</summary>
    public double AtomicNs { get; init; } = 10;

    /// <summary>A single-page TLB invalidation with barrier (ns).</summary>
    public double TlbFlushPageNs { get; init; } = 60;

    /// <summary>A range TLB invalidation (ns), plus <see cref="TlbFlushPerPageNs"/> per page covered.</summary>
    public double TlbFlushRangeNs { get; init; } = 200;

    /// <summary>Per page covered by a range invalidation (ns).</summary>
    public double TlbFlushPerPageNs { get; init; } = 2;

    /// <summary>A whole-mm invalidation (ns).</summary>
    public double TlbFlushAllNs { get; init; } = 1000;

    /// <summary>A folio split: fixed part (ns).</summary>
    public double SplitNs { get; init; } = 12_000;

    /// <summary>A folio split: per page of the folio (ns) — migration entries, rmap, memmap.</summary>
    public double SplitPerPageNs { get; init; } = 6_000;

    /// <summary>Per folio a madvise walk handles (ns): folio lookup, flag checks, lazyfree LRU move.</summary>
    public double MadviseFolioNs { get; init; } = 2_200;

    /// <summary>Per PTE a madvise walk visits (ns): vm_normal_folio(), batching.</summary>
    public double MadvisePteNs { get; init; } = 15;

    /// <summary>The simulated time of what <paramref name="cost"/> and <paramref name="stats"/> counted, in milliseconds.</summary>
    public double Milliseconds(CostSnapshot cost, MmStatsSnapshot stats)
    {
        var ns = (cost.PteReads * PteReadNs) + (cost.PteWrites * PteWriteNs) + (cost.AtomicUpdates * AtomicNs)
            + (cost.TlbFlushPage * TlbFlushPageNs) + (cost.TlbFlushRange * TlbFlushRangeNs)
            + ((cost.TlbFlushedPages - cost.TlbFlushPage) * TlbFlushPerPageNs) + (cost.TlbFlushAll * TlbFlushAllNs)
            + (cost.FolioSplits * SplitNs) + (cost.SplitPages * SplitPerPageNs)
            + (stats.MadviseFolios * MadviseFolioNs) + (stats.MadvisePtes * MadvisePteNs);
        return ns / 1e6;
    }
}
