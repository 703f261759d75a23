namespace ArchPgtable.Mm.Experiments;

/// <summary>One published row: the folio size it was measured with (on 4 KiB pages), old and new, and the printed change.</summary>
/// <param name="FolioKiB">The folio size in KiB as published (4 KiB pages).</param>
/// <param name="Old">The old figure in the table's unit, or null when only a change was published.</param>
/// <param name="New">The new figure, or null.</param>
/// <param name="Change">The change as printed ((new − old) / old, e.g. −0.94), or null when only the figures were.</param>
public sealed record PublishedPoint(ulong FolioKiB, double? Old, double? New, double? Change)
{
    /// <summary>The published row measured a PMD-mapped THP (matched to the PMD size of any granule, see <see cref="PublishedTable.Match(ulong, ulong, ulong)"/>).</summary>
    public bool PmdMapped { get; init; }

    /// <summary>The folio order (log2 of base pages) on the published 4 KiB pages.</summary>
    public int Order => System.Numerics.BitOperations.Log2(FolioKiB / 4);

    /// <summary>The printed change, or the one computed from the figures.</summary>
    public double? EffectiveChange => Change ?? (Old is { } o && New is { } n && o != 0 ? (n - o) / o : null);
}
