namespace ArchPgtable.Mm.Experiments;

/// <summary>The madvise counts of <see cref="MmStats"/> at one moment.</summary>
/// <param name="MadviseFolios">Folios a madvise walk handled.</param>
/// <param name="MadvisePtes">PTEs a madvise walk visited.</param>
/// <param name="LazyfreeFolios">Folios marked lazyfree.</param>
public readonly record struct MmStatsSnapshot(long MadviseFolios, long MadvisePtes, long LazyfreeFolios)
{
    /// <summary>Takes the snapshot.</summary>
    public static MmStatsSnapshot Of(MmStats s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return new(s.MadviseFolios, s.MadvisePtes, s.LazyfreeFolios);
    }

    /// <summary>The difference.</summary>
    public static MmStatsSnapshot operator -(MmStatsSnapshot a, MmStatsSnapshot b) =>
        new(a.MadviseFolios - b.MadviseFolios, a.MadvisePtes - b.MadvisePtes, a.LazyfreeFolios - b.LazyfreeFolios);

    /// <summary>The difference.</summary>
    public static MmStatsSnapshot Subtract(MmStatsSnapshot a, MmStatsSnapshot b) => a - b;
}
