namespace ArchPgtable.Mm.Operations;

/// <summary>Which MADV_FREE implementation runs.</summary>
public enum MadviseFreeAlgorithm
{
    /// <summary>Before the lazyfree-mTHP series (≈v6.9): every large folio is split first, then each page is handled alone.</summary>
    Old,

    /// <summary>v6.10: a large folio fully mapped in the range is handled whole with folio_pte_batch() and clear_young_dirty_ptes(); only partly covered folios are split.</summary>
    New,
}
