using ArchPgtable.Mm.Operations;

namespace ArchPgtable.Mm.Experiments;

/// <summary>
/// <c>experiment mremap</c>: mremap(MREMAP_MAYMOVE | MREMAP_FIXED) of written private anonymous memory to the next 1 GiB boundary past it, then
/// munmap() of the new range (one pair; the published loop runs 10000), moving each entry alone before v6.17 or in
/// folio batches after.
/// </summary>
/// <remarks>Kernel: move_ptes() with ptep_get_and_clear() + set_pte_at() per entry (before v6.17) against
/// mremap_folio_pte_batch() + get_and_clear_full_ptes() + set_ptes() (Dev Jain, f822a9a81a31, v6.17).</remarks>
internal sealed class MremapMove : Experiment
{
    /// <summary>Per PTE move_ptes() visits (ns): the loop, pte_none(), move_soft_dirty_pte(). Plausible, not fitted.</summary>
    internal const double PerPteNs = 5;

    public override string Name => "mremap";

    public override string Title => "mremap() to the next 1 GiB boundary then munmap() of written private anonymous memory (one pair; published: x10000)";

    public override string OldLabel => "old: ptep_get_and_clear() + set_pte_at() per PTE (before v6.17)";

    public override string NewLabel => "new: mremap_folio_pte_batch() + get_and_clear_full_ptes() + set_ptes() (v6.17)";

    public override PublishedTable Published { get; } = new(
        "Dev Jain, \"Optimize mremap() for large folios\" v4, commit f822a9a81a31 (1 MiB of 64K folios, mremap+munmap x10000, Apple M3)", "M3", "s",
        [new(64, 1.9, 1.2, null)])
    {
        RegionBytes = 1UL << 20,
        Repeats = 10000,
    };

    public override CostModelSummary CostModel { get; } = new(
        "nothing: the default PTE/atomic/TLB weights plus a plausible 5 ns per PTE visited",
        "the 64K row and every other size (no published row); the munmap half is the same code on both sides");

    /// <summary>1 MiB, as published.</summary>
    public override ulong DefaultRegionBytes => 1UL << 20;

    /// <summary>PTE-mapped sizes no larger than the region's default (1 MiB).</summary>
    public override bool IsModelled(ArchGeometry geometry, ulong folioBytes) =>
        base.IsModelled(geometry, folioBytes) && folioBytes <= DefaultRegionBytes;

    public override ExperimentResult Run(ExperimentSetup setup, ulong regionBytes, ulong folioBytes, ExperimentPath path)
    {
        ArgumentNullException.ThrowIfNull(setup);
        // The next 1 GiB boundary past the region: no overlap, same alignment inside every page table.
        var target = RegionStart + ((regionBytes + (1UL << 30) - 1) & ~((1UL << 30) - 1));
        var (sys, mm) = WrittenRegion(setup, regionBytes, folioBytes, setup.Machine);
        var algorithm = path == ExperimentPath.Old ? MremapAlgorithm.Old : MremapAlgorithm.New;
        long moved = 0, left = 0;
        var ptes = (long)(regionBytes >> setup.Arch.Geometry.PageShift);
        return Measure(setup, sys, "mremap", algorithm.ToString(), folioBytes, path,
            m =>
            {
                Mremap.Run(mm, RegionStart, regionBytes, target, algorithm);
                (moved, left) = m.Unmeasured(() => (CountPresent(sys, mm, target, regionBytes), CountPresent(sys, mm, RegionStart, regionBytes)));
                Munmap.Run(mm, target, regionBytes);
            },
            (cost, _) => (Experiments.CostModel.Default.Milliseconds(cost, default) * 1e6) + (ptes * PerPteNs),
            () => [new("moved_ptes", moved), new("left_ptes", left)]);
    }
}
