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

    /// <summary>The published change for a folio size ((new − old) / old), or null.</summary>
    public static double? Change(ulong folioBytes) =>
        Seconds.TryGetValue(folioBytes / 1024, out var s) ? (s.New - s.Old) / s.Old : null;
}
