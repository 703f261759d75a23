namespace ArchPgtable.Mm.Experiments;

/// <summary>An experiment-specific value of one run (e.g. lazyfree's <c>lazyfree_pages</c>), named as in JSON and CSV.</summary>
/// <param name="Name">snake_case name.</param>
/// <param name="Value">The value (a count when integral).</param>
public readonly record struct ExperimentMetric(string Name, double Value);
