namespace ArchPgtable.Mm.Operations;

/// <summary>Which <c>move_ptes()</c> runs for mremap().</summary>
public enum MremapAlgorithm
{
    /// <summary>Before v6.17: each entry moved alone with ptep_get_and_clear() and set_pte_at().</summary>
    Old,

    /// <summary>v6.17+ (Dev Jain) with the "honour writable bit" fix: folio_pte_batch_flags(FPB_RESPECT_WRITE), get_and_clear_full_ptes(), set_ptes().</summary>
    New,

    /// <summary>Known-bad (fault injection): the batched path as first merged (f822a9a81a31), batching with folio_pte_batch() flags 0, so a read-only entry inherits the first entry's write bit.</summary>
    NewIgnoringWrite,
}
