namespace ArchPgtable.Mm.Experiments;

/// <summary>Which side of an experiment runs: the algorithm (or hardware) before the series, or after it.</summary>
public enum ExperimentPath
{
    /// <summary>Before the series.</summary>
    Old,

    /// <summary>After the series (mainline).</summary>
    New,
}
