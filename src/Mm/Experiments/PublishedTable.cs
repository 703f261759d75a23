namespace ArchPgtable.Mm.Experiments;

/// <summary>
/// A published table: where it comes from, the machine it was measured on, its unit, its rows and any headline
/// figure that is not per folio size. Rows are matched to a run by folio order, so on 16K or 64K pages a 64K folio
/// (order 2 on 16K pages) is compared with the published 16K row (order 2 on 4K pages).
/// </summary>
/// <param name="Source">Author, series and where the numbers are.</param>
/// <param name="Machine">The machine label printed beside the numbers (e.g. "i5").</param>
/// <param name="Unit">The unit of <see cref="PublishedPoint.Old"/> and <see cref="PublishedPoint.New"/> (e.g. "s").</param>
/// <param name="Points">The rows.</param>
public sealed record PublishedTable(string Source, string Machine, string Unit, IReadOnlyList<PublishedPoint> Points)
{
    /// <summary>The region the published figures were measured on (default 1 GiB); published times are scaled from it to the run's region.</summary>
    public ulong RegionBytes { get; init; } = 1UL << 30;

    /// <summary>How many times the published loop repeated the measured operation (default 1); a run does it once, so published times are divided by this.</summary>
    public int Repeats { get; init; } = 1;

    /// <summary>Published figures that are not per folio size, one line each.</summary>
    public IReadOnlyList<string> Headlines { get; init; } = [];

    /// <summary>
    /// The row for <paramref name="folioBytes"/> on a geometry of <paramref name="pageSize"/>-byte pages and
    /// <paramref name="pmdSize"/>-byte PMDs: a PMD-size folio matches the table's <see cref="PublishedPoint.PmdMapped"/> row
    /// (on 16K or 64K pages the published 2048K row is compared with the 32M or 512M PMD), any other size the row of the
    /// same folio order that is not PMD-mapped; null when there is none.
    /// </summary>
    public PublishedPoint? Match(ulong folioBytes, ulong pageSize, ulong pmdSize)
    {
        var pmd = pmdSize != 0 && folioBytes == pmdSize;
        if (pmd && Points.FirstOrDefault(p => p.PmdMapped) is { } row)
        {
            return row;
        }

        var byOrder = Match(folioBytes, pageSize);
        return byOrder is { PmdMapped: true } && !pmd ? null : byOrder;
    }

    /// <summary>The row of the same folio order as <paramref name="folioBytes"/> on <paramref name="pageSize"/>-byte pages, or null.</summary>
    public PublishedPoint? Match(ulong folioBytes, ulong pageSize)
    {
        if (pageSize == 0 || folioBytes < pageSize || !ulong.IsPow2(folioBytes / pageSize))
        {
            return null;
        }

        var order = System.Numerics.BitOperations.Log2(folioBytes / pageSize);
        return Points.FirstOrDefault(p => p.Order == order);
    }
}
