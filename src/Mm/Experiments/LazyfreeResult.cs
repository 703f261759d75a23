namespace ArchPgtable.Mm.Experiments;

/// <summary>The cost of one MADV_FREE run over the whole region.</summary>
/// <param name="SimulatedMs">Simulated time under the <see cref="CostModel"/>.</param>
/// <param name="HostMs">Real time the simulation of the madvise call took on this machine.</param>
/// <param name="Cost">PTE, TLB, fold/unfold and split counts.</param>
/// <param name="Stats">madvise counts.</param>
/// <param name="LazyfreePages">Pages whose folio is lazyfree afterwards.</param>
/// <param name="CleanOldPages">Pages whose PTE reads old and clean (ptep_get) afterwards.</param>
public sealed record LazyfreeResult(double SimulatedMs, double HostMs, CostSnapshot Cost, MmStatsSnapshot Stats, long LazyfreePages, long CleanOldPages)
{
    /// <summary>Fault livelocks of the multi-agent pass after the measurement (always empty on a single-agent machine).</summary>
    public IReadOnlyList<FaultLivelock> Livelocks { get; init; } = [];

    /// <summary>Folio lookups and faults of the measured MADV_FREE.</summary>
    public ExperimentEvents Events { get; init; }

    /// <summary>Huge PMDs split by the measured MADV_FREE (0 over whole PMDs: madvise_free_huge_pmd() does not split).</summary>
    public long PmdSplits { get; init; }
}

/// <summary>One row of the lazyfree experiment: a folio size, the old and new algorithm, and the published change.</summary>
/// <param name="FolioBytes">The folio size.</param>
/// <param name="Old">The pre-series algorithm.</param>
/// <param name="New">The v6.10 algorithm.</param>
/// <param name="PublishedChange">The cover letter's change for this size (e.g. -0.97), or null when it has none.</param>
public sealed record LazyfreeRow(ulong FolioBytes, LazyfreeResult Old, LazyfreeResult New, double? PublishedChange)
{
    /// <summary>The simulated change, new versus old ((new − old) / old).</summary>
    public double Change => Old.SimulatedMs == 0 ? 0 : (New.SimulatedMs - Old.SimulatedMs) / Old.SimulatedMs;

    /// <summary>How many times faster new is than old in simulated time.</summary>
    public double Speedup => New.SimulatedMs == 0 ? double.PositiveInfinity : Old.SimulatedMs / New.SimulatedMs;
}
