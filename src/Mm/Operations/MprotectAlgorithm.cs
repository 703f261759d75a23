namespace ArchPgtable.Mm.Operations;

/// <summary>Which <c>change_pte_range()</c> runs for mprotect().</summary>
public enum MprotectAlgorithm
{
    /// <summary>Before v6.17: each present entry alone with ptep_modify_prot_start() / ptep_modify_prot_commit().</summary>
    Old,

    /// <summary>v6.17+ (Dev Jain): folio_pte_batch_flags(FPB_RESPECT_SOFT_DIRTY | FPB_RESPECT_WRITE), modify_prot_start_ptes() / modify_prot_commit_ptes(), write upgrade in PageAnonExclusive sub-batches.</summary>
    New,

    /// <summary>Known-bad (fault injection): the batched path deciding the write upgrade from the first page's PageAnonExclusive for the whole batch, as if commit_anon_folio_batch() did not exist.</summary>
    NewFirstPageDecides,
}
