namespace ArchPgtable.Mm.Operations;

/// <summary>How reclaim's reference check and the MGLRU-style aging walk clear young bits.</summary>
public enum ReferenceAlgorithm
{
    /// <summary>Before the 2026 series: one ptep_clear_flush_young() (reclaim) or ptep_test_and_clear_young() (aging) per entry.</summary>
    Old,

    /// <summary>Baolin Wang's batching: folio_pte_batch() runs, then one clear_flush_young_ptes() / test_and_clear_young_ptes() per batch.</summary>
    New,

    /// <summary>Known-bad (fault injection): the batched path testing and clearing only the first entry of each batch, as if nr were ignored.</summary>
    NewFirstEntryOnly,
}
