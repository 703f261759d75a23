using ArchPgtable.Mm.Workload;

namespace ArchPgtable.Host.Cli;

/// <summary>What <c>workload</c> ran and found.</summary>
/// <param name="Arch">The arch.</param>
/// <param name="Description">The arch build's description.</param>
/// <param name="Machine">The machine's name, or null for the one-CPU default.</param>
/// <param name="Seed">The seed.</param>
/// <param name="Paths">Which algorithms ran.</param>
/// <param name="PmdThp">Whether the PMD order was enabled (<c>--pmd-thp</c>).</param>
/// <param name="Result">The run.</param>
/// <param name="HostMs">Host time of the run in milliseconds.</param>
/// <param name="Replay">The command that replays the run up to its first finding (or the whole run).</param>
internal sealed record WorkloadReport(string Arch, string Description, string? Machine, int Seed, WorkloadPaths Paths, bool PmdThp, WorkloadResult Result, double HostMs, string Replay)
{
    /// <summary>Findings by kind, every kind listed.</summary>
    public IEnumerable<(WorkloadFindingKind Kind, int Count)> Summary =>
        Enum.GetValues<WorkloadFindingKind>().Select(k => (k, Result.Findings.Count(f => f.Kind == k)));

    /// <summary>Operations per host second.</summary>
    public double OpsPerSecond => HostMs > 0 ? Result.Ops / (HostMs / 1000) : 0;

    /// <summary>The kind as printed: <c>data-loss</c>, <c>permission</c>, …</summary>
    public static string Name(WorkloadFindingKind kind) => kind switch
    {
        WorkloadFindingKind.DataLoss => "data-loss",
        WorkloadFindingKind.FaultLivelock => "fault-livelock",
        WorkloadFindingKind.OutOfMemory => "out-of-memory",
        _ => kind.ToString().ToLowerInvariant(),
    };

    /// <summary>The paths value as spelled on the command line.</summary>
    public static string Name(WorkloadPaths paths) => paths switch
    {
        WorkloadPaths.BadMremap => "bad-mremap",
        WorkloadPaths.BadMprotect => "bad-mprotect",
        _ => paths.ToString().ToLowerInvariant(),
    };
}
