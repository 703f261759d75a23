using ArchPgtable.Mm;
using ArchPgtable.Mm.Experiments;

namespace ArchPgtable.Host.Cli;

/// <summary>What one experiment measured: one row per modelled folio size, and the sizes it did not model.</summary>
internal sealed record ExperimentReport(
    Experiment Experiment,
    string Arch,
    string Description,
    ulong RegionBytes,
    IReadOnlyList<ExperimentRow> Rows,
    IReadOnlyList<ulong> NotModelled)
{
    /// <summary>The build's page size.</summary>
    public ulong PageSize { get; init; } = 4096;

    /// <summary>The machine when one other than the arch's default was chosen (<c>--machine</c>), else null.</summary>
    public ArchPgtable.Machines.MachineDescription? Machine { get; init; }

    /// <summary>Extra lines about the setup (e.g. contpte-convert's old and new machines).</summary>
    public IReadOnlyList<string> SetupNotes { get; init; } = [];

    /// <summary>Warm-up rounds run before the measured rows (<see cref="HostWarmup"/>): host_ms is tier-1 code after them (0: this process had warmed the experiment already).</summary>
    public int HostWarmupRounds { get; init; }

    /// <summary>The throwaway region of each warm-up run.</summary>
    public ulong HostWarmupBytes { get; init; }

    /// <summary>Measured runs per row (<c>--host-samples</c>); each side's host_ms is their median.</summary>
    public int HostSamples { get; init; } = 1;

    /// <summary>The build's PMD size (0: unknown); a PMD-size folio matches a published PMD-mapped row.</summary>
    public ulong PmdSize { get; init; }

    /// <summary>The published point of the same folio order as <paramref name="folioBytes"/> (the PMD-mapped row for the PMD size), or null.</summary>
    public PublishedPoint? Published(ulong folioBytes) => Experiment.Published.Match(folioBytes, PageSize, PmdSize);

    /// <summary>Every fault livelock of every row (multi-agent machines only).</summary>
    public IEnumerable<FaultLivelock> Livelocks => Rows.SelectMany(r => r.Old.Livelocks.Concat(r.New.Livelocks));

    /// <summary>The published figure for one side in milliseconds, scaled from the published region and repeat count to one run on this region, or null.</summary>
    public double? PublishedMs(PublishedPoint? p, ExperimentPath path) =>
        (path == ExperimentPath.Old ? p?.Old : p?.New) is { } v && Experiment.Published.Unit == "s"
            ? v * 1000 * RegionBytes / Experiment.Published.RegionBytes / Experiment.Published.Repeats
            : null;
}
