namespace ArchPgtable.Mm.Workload;

/// <summary>How a <see cref="RandomWorkload"/> runs.</summary>
public sealed record WorkloadOptions
{
    /// <summary>Operations to run (default 100,000).</summary>
    public long Ops { get; init; } = 100_000;

    /// <summary>The seed of every choice; one seed and one configuration give one run.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Pages in each of the two regions the processes use (default 256).</summary>
    public int Pages { get; init; } = 256;

    /// <summary>Which algorithm of each path runs.</summary>
    public WorkloadPaths Paths { get; init; } = WorkloadPaths.Mixed;

    /// <summary>Also enable the PMD order, so faults map PMD-mapped THPs where a region covers an aligned PMD (use
    /// <see cref="Pages"/> of at least two PMDs); the workload's partial operations then split them. Off by default.</summary>
    public bool PmdThp { get; init; }

    /// <summary>Stop after the first operation that produced a finding (default on, so the replay is short).</summary>
    public bool StopAtFirstFinding { get; init; } = true;
}
