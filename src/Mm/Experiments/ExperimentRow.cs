namespace ArchPgtable.Mm.Experiments;

/// <summary>One folio size of an experiment: old and new, and the published point of the same folio order.</summary>
/// <param name="FolioBytes">The folio size.</param>
/// <param name="Old">Before the series.</param>
/// <param name="New">After it.</param>
/// <param name="Published">The published point matched by folio order, or null when the table has none.</param>
public sealed record ExperimentRow(ulong FolioBytes, ExperimentResult Old, ExperimentResult New, PublishedPoint? Published)
{
    /// <summary>The simulated change, new versus old ((new − old) / old).</summary>
    public double Change => Old.SimulatedMs == 0 ? 0 : (New.SimulatedMs - Old.SimulatedMs) / Old.SimulatedMs;
}
