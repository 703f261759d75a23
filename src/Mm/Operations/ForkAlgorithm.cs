namespace ArchPgtable.Mm.Operations;

/// <summary>How fork() copies the present PTEs of a private mapping.</summary>
public enum ForkAlgorithm
{
    /// <summary>
    /// Mainline since v6.9: <c>folio_pte_batch()</c> finds runs of one large folio, then one
    /// <c>folio_try_dup_anon_rmap_ptes()</c>, one <c>wrprotect_ptes()</c> and one <c>set_ptes()</c> per run.
    /// </summary>
    /// <remarks>Kernel: copy_present_ptes() (David Hildenbrand, "mm/memory: optimize fork() with PTE-mapped THP").</remarks>
    Batched,

    /// <summary>
    /// Before v6.9: every PTE on its own — <c>vm_normal_page()</c>, a folio reference and rmap dup per page,
    /// <c>ptep_set_wrprotect()</c> on the parent's entry and <c>set_pte_at()</c> in the child.
    /// </summary>
    /// <remarks>Kernel: copy_present_pte() (v6.8).</remarks>
    PerPte,
}
