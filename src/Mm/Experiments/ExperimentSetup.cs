using ArchPgtable.Machines;
using ArchPgtable.Mm.Tracing;
using ArchPgtable.Plugins;

namespace ArchPgtable.Mm.Experiments;

/// <summary>What every experiment runs on: the architecture build, the machine and an optional trace.</summary>
/// <param name="Arch">The architecture build.</param>
public sealed record ExperimentSetup(ArchInstance Arch)
{
    /// <summary>The machine (<c>--machine</c>), or null for the arch's default (one CPU).</summary>
    public MachineDescription? Machine { get; init; }

    /// <summary>When set, each run's measured part is traced as one machine. Null: nothing is traced.</summary>
    public TraceRecorder? Trace { get; init; }
}
