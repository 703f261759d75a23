using ArchPgtable.Mm.Operations;

namespace ArchPgtable.Mm.Experiments;

/// <summary>
/// <c>experiment lazyfree</c> (and the <c>lazyfree</c> command): MADV_FREE of written anonymous memory, the old
/// algorithm (split every large folio, then per page) against v6.10's batched one, with
/// <see cref="LazyfreeExperiment"/> doing the work.
/// </summary>
/// <remarks>Kernel: madvise_free_pte_range() before and after "mm/madvise: enhance lazyfreeing with mTHP in madvise_free" (v6.10).</remarks>
internal sealed class Lazyfree : Experiment
{
    public override string Name => "lazyfree";

    public override string Title => "MADV_FREE of written anonymous memory";

    public override string OldLabel => "old: split every large folio, then handle each page";

    public override string NewLabel => "new: folio_pte_batch() + clear_young_dirty_ptes() (v6.10)";

    public override PublishedTable Published { get; } = new(
        "Lance Yang, \"mm/madvise: enhance lazyfreeing with mTHP in madvise_free\" v10 cover letter (1 GiB, Intel i5)", "i5", "s",
        [.. PublishedLazyfree.Seconds.OrderBy(p => p.Key).Select(p =>
            new PublishedPoint(p.Key, p.Value.Old, p.Value.New, PublishedLazyfree.ChangePercent[p.Key] / 100.0)
            {
                PmdMapped = p.Key * 1024 == PublishedLazyfree.PmdRowBytes,
            })]);

    public override CostModelSummary CostModel { get; } = new(
        "per folio (2.2 us), per PTE visited (15 ns) and split (12 us + 6 us/page) weights fitted to the 4K, 16K and 1M rows",
        "every other row; every arm64 cost (atomics, TLB range flushes, fold/unfold); TLB weights are plausible, not measured");

    /// <summary>Every PTE-mapped size and the PMD size (PMD-mapped: <c>madvise_free_huge_pmd()</c> on both paths, no split).</summary>
    public override bool IsModelled(ArchGeometry geometry, ulong folioBytes)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        return folioBytes <= geometry.PmdSize;
    }

    /// <summary>Says how the published PMD-mapped row is matched on this granule.</summary>
    public override IReadOnlyList<string> SetupNotes(ExperimentSetup setup)
    {
        ArgumentNullException.ThrowIfNull(setup);
        var g = setup.Arch.Geometry;
        var pmd = g.PmdSize >= 1UL << 20 ? $"{g.PmdSize >> 20}M" : $"{g.PmdSize >> 10}K";
        return g.PmdSize == PublishedLazyfree.PmdRowBytes
            ? [$"{pmd}: PMD-mapped THP (one leaf PMD; madvise_free_huge_pmd() on both paths, no split)"]
            : [$"{pmd}: PMD-mapped THP (one leaf PMD; madvise_free_huge_pmd() on both paths, no split), compared with the published 2048K row (the PMD size on 4K pages): matched as the PMD order of this granule, not by bytes"];
    }

    public override ExperimentResult Run(ExperimentSetup setup, ulong regionBytes, ulong folioBytes, ExperimentPath path)
    {
        ArgumentNullException.ThrowIfNull(setup);
        var engine = new LazyfreeExperiment(setup.Arch) { Trace = setup.Trace, Machine = setup.Machine };
        var r = engine.RunOne(regionBytes, folioBytes, path == ExperimentPath.Old ? MadviseFreeAlgorithm.Old : MadviseFreeAlgorithm.New);
        return new ExperimentResult(r.SimulatedMs, r.HostMs, r.Cost, r.Events)
        {
            Livelocks = r.Livelocks,
            Metrics =
            [
                new("lazyfree_folios", r.Stats.LazyfreeFolios),
                new("lazyfree_pages", r.LazyfreePages),
                new("clean_old_pages", r.CleanOldPages),
                new("pmd_splits", r.PmdSplits),
            ],
        };
    }
}
