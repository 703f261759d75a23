namespace ArchPgtable.Mm.Experiments;

/// <summary>One side (old or new) of one row: simulated time, host time and the exact event counts.</summary>
/// <param name="SimulatedMs">Simulated time of the measured part under the experiment's cost model.</param>
/// <param name="HostMs">Real time the simulation of the measured part took on this machine.</param>
/// <param name="Cost">PTE reads/writes, atomics, TLB flushes and flushed pages, folds, unfolds, splits.</param>
/// <param name="Events">Folio lookups and faults.</param>
public sealed record ExperimentResult(double SimulatedMs, double HostMs, CostSnapshot Cost, ExperimentEvents Events)
{
    /// <summary>Experiment-specific values, in a fixed order per experiment.</summary>
    public IReadOnlyList<ExperimentMetric> Metrics { get; init; } = [];

    /// <summary>Fault livelocks seen on a multi-agent machine (always empty on one agent).</summary>
    public IReadOnlyList<FaultLivelock> Livelocks { get; init; } = [];

    /// <summary>The metric called <paramref name="name"/>, or null.</summary>
    public double? Metric(string name) => Metrics.FirstOrDefault(m => m.Name == name) is { Name: not null } m ? m.Value : null;
}
