namespace ArchPgtable.Mm.Experiments;

/// <summary>
/// The published MADV_FREE runtimes for 1 GiB of PTE-mapped folios on an Intel i5 (Lance Yang,
/// "[PATCH v10 0/4] mm/madvise: enhance lazyfreeing with mTHP in madvise_free", April 2024).
/// </summary>
public static class PublishedLazyfree
{
    /// <summary>Folio size in KiB → (old seconds, new seconds).</summary>
    public static IReadOnlyDictionary<ulong, (double Old, double New)> Seconds { get; } = new Dictionary<ulong, (double, double)>
    {
        [4] = (0.590251, 0.590259),
        [16] = (2.990447, 0.185655),
        [32] = (2.547831, 0.104870),
        [64] = (2.457796, 0.052812),
        [128] = (2.281034, 0.032777),
        [256] = (2.230387, 0.017496),
        [512] = (2.189106, 0.010781),
        [1024] = (2.183949, 0.007753),
        [2048] = (0.002799, 0.002804),
    };

    /// <summary>
    /// Folio size in KiB → the change the cover letter prints, in percent. These are the published
    /// figures, not recomputed from <see cref="Seconds"/>: the letter rounds some and truncates
    /// others (32K: −95.9% printed as −95%; 512K: −99.5% printed as −99%).
    /// </summary>
    public static IReadOnlyDictionary<ulong, int> ChangePercent { get; } = new Dictionary<ulong, int>
    {
        [4] = 0,
        [16] = -94,
        [32] = -95,
        [64] = -97,
        [128] = -99,
        [256] = -99,
        [512] = -99,
        [1024] = -99,
        [2048] = 0,
    };

    /// <summary>The published row of the PMD-mapped THP (2048K on 4 KiB pages): on another granule it is matched to that granule's PMD size, not to order 9.</summary>
    public const ulong PmdRowBytes = 2048 * 1024;

    /// <summary>The published change for a folio size as a fraction (−0.94 for −94%), or null for a size the letter does not list.</summary>
    public static double? Change(ulong folioBytes) =>
        ChangePercent.TryGetValue(folioBytes / 1024, out var p) ? p / 100.0 : null;
}
