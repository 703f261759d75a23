using ArchPgtable.Mm.Operations;

namespace ArchPgtable.Mm.Experiments;

/// <summary>
/// <c>experiment mprotect</c>: mprotect() of written private anonymous memory to read-only and back to read-write
/// (one RO/RW pair; the published loop runs 40), per PTE before v6.17 or in folio batches after.
/// </summary>
/// <remarks>Kernel: change_pte_range() with ptep_modify_prot_start()/commit() per entry (before v6.17) against
/// modify_prot_start_ptes()/modify_prot_commit_ptes() on a folio_pte_batch_flags() batch (Dev Jain, v6.17).</remarks>
internal sealed class MprotectToggle : Experiment
{
    /// <summary>Per PTE change_pte_range() visits (ns): the loop, pte_modify(), the write-upgrade checks. Plausible, not fitted.</summary>
    internal const double PerPteNs = 5;

    public override string Name => "mprotect";

    public override string Title => "mprotect() RO then RW of written private anonymous memory (one pair; published: x40)";

    public override string OldLabel => "old: ptep_modify_prot_start/commit() per PTE (before v6.17)";

    public override string NewLabel => "new: folio_pte_batch_flags() + modify_prot_start/commit_ptes() (v6.17)";

    public override PublishedTable Published { get; } = new(
        "Dev Jain, \"Optimize mprotect() for large folios\" v5, commit cac1db8c3aad (1 GiB, RO/RW x40, Apple M3)", "M3", "s",
        [new(4, 1, 1.1, null), new(64, 2, 0.7, null), new(2048, 2.1, 0.65, null)])
    {
        Repeats = 40,
        Headlines = ["x86: about flat (not a table)"],
    };

    public override CostModelSummary CostModel { get; } = new(
        "nothing: the default PTE/atomic/TLB weights plus a plausible 5 ns per PTE visited (no per-call weight: x86's generic batch helpers still loop per PTE)",
        "every row; the 4K row's published +10% is not modelled (the model's order-0 paths are the same code, so 4K is flat), nor is 2M's larger gain than 64K's (-69% vs -65%: with no per-call weight both are the same per contpte block); the x86 rows staying flat");

    /// <summary>Every size the model allocates is PTE-mapped here, as the published "PTE-mapped THP" row.</summary>
    protected override bool PteMapsEveryFolioSize => true;

    public override ExperimentResult Run(ExperimentSetup setup, ulong regionBytes, ulong folioBytes, ExperimentPath path)
    {
        ArgumentNullException.ThrowIfNull(setup);
        var (sys, mm) = WrittenRegion(setup, regionBytes, folioBytes, setup.Machine);
        var algorithm = path == ExperimentPath.Old ? MprotectAlgorithm.Old : MprotectAlgorithm.New;
        long readOnly = 0;
        var ptes = (long)(regionBytes >> setup.Arch.Geometry.PageShift);
        return Measure(setup, sys, "mprotect", algorithm.ToString(), folioBytes, path,
            m =>
            {
                Mprotect.Run(mm, RegionStart, regionBytes, VmFlags.Read, algorithm);
                readOnly = m.Unmeasured(() => CountPresent(sys, mm, RegionStart, regionBytes, writable: true));
                Mprotect.Run(mm, RegionStart, regionBytes, VmFlags.Read | VmFlags.Write, algorithm);
            },
            (cost, _) => (Experiments.CostModel.Default.Milliseconds(cost, default) * 1e6) + (2 * ptes * PerPteNs),
            () =>
            [
                new("writable_while_ro", readOnly),
                new("writable_after", CountPresent(sys, mm, RegionStart, regionBytes, writable: true)),
            ]);
    }
}
