namespace ArchPgtable;

/// <summary>
/// Every overridable page-table helper core mm calls. Generic provides the kernel's defaults;
/// an architecture overrides only what it must. Batch helpers (<c>*_ptes</c>) take <c>nr ≥ 1</c>
/// entries that lie in one PTE table, map consecutive pages of one folio, and are present.
/// </summary>
/// <remarks>Kernel: include/linux/pgtable.h (#ifndef helper … #endif) and the arch overrides.</remarks>
public interface IPageTableOps
{
    /// <summary>The PTE encoding these helpers use.</summary>
    IPteFormat Format { get; }

    /// <summary>The page-table geometry these helpers assume.</summary>
    ArchGeometry Geometry { get; }

    /// <summary>Reads an entry as core mm sees it (on arm64, with A/D gathered over a contiguous block).</summary>
    /// <remarks>Kernel: ptep_get()</remarks>
    [KernelHelper("ptep_get")]
    Pte PtepGet(PtePointer ptep);

    /// <summary>Reads an entry without the page-table lock.</summary>
    /// <remarks>Kernel: ptep_get_lockless()</remarks>
    [KernelHelper("ptep_get_lockless")]
    Pte PtepGetLockless(PtePointer ptep);

    /// <summary>Maps <paramref name="nr"/> consecutive pages: entry i becomes <paramref name="pte"/> with its PFN advanced by i.</summary>
    /// <remarks>Kernel: set_ptes()</remarks>
    [KernelHelper("set_ptes")]
    void SetPtes(IMmContext mm, ulong addr, PtePointer ptep, Pte pte, int nr);

    /// <summary>Sets one entry; the same as <see cref="SetPtes"/> with nr = 1.</summary>
    /// <remarks>Kernel: set_pte_at()</remarks>
    [KernelHelper("set_pte_at")]
    void SetPteAt(IMmContext mm, ulong addr, PtePointer ptep, Pte pte);

    /// <summary>Clears an entry and returns its old value.</summary>
    /// <remarks>Kernel: ptep_get_and_clear()</remarks>
    [KernelHelper("ptep_get_and_clear")]
    Pte PtepGetAndClear(IMmContext mm, ulong addr, PtePointer ptep);

    /// <summary>Clears an entry and returns its old value; <paramref name="full"/> says the whole mm is being torn down.</summary>
    /// <remarks>Kernel: ptep_get_and_clear_full()</remarks>
    [KernelHelper("ptep_get_and_clear_full")]
    Pte PtepGetAndClearFull(IMmContext mm, ulong addr, PtePointer ptep, bool full);

    /// <summary>Clears <paramref name="nr"/> entries and returns the first one's old value with young/dirty OR-ed over the batch.</summary>
    /// <remarks>Kernel: get_and_clear_full_ptes()</remarks>
    [KernelHelper("get_and_clear_full_ptes")]
    Pte GetAndClearFullPtes(IMmContext mm, ulong addr, PtePointer ptep, int nr, bool full);

    /// <summary>Clears <paramref name="nr"/> entries.</summary>
    /// <remarks>Kernel: clear_full_ptes()</remarks>
    [KernelHelper("clear_full_ptes")]
    void ClearFullPtes(IMmContext mm, ulong addr, PtePointer ptep, int nr, bool full);

    /// <summary>Clears the access flag of an entry; returns whether it was young.</summary>
    /// <remarks>Kernel: ptep_test_and_clear_young()</remarks>
    [KernelHelper("ptep_test_and_clear_young")]
    bool PtepTestAndClearYoung(IMmContext vma, ulong addr, PtePointer ptep);

    /// <summary>Clears the access flag and flushes the TLB if it was young (arch permitting); returns whether it was young.</summary>
    /// <remarks>Kernel: ptep_clear_flush_young()</remarks>
    [KernelHelper("ptep_clear_flush_young")]
    bool PtepClearFlushYoung(IMmContext vma, ulong addr, PtePointer ptep);

    /// <summary>Removes write permission from one entry, preserving dirtiness.</summary>
    /// <remarks>Kernel: ptep_set_wrprotect()</remarks>
    [KernelHelper("ptep_set_wrprotect")]
    void PtepSetWrprotect(IMmContext mm, ulong addr, PtePointer ptep);

    /// <summary>Removes write permission from <paramref name="nr"/> entries, preserving dirtiness.</summary>
    /// <remarks>Kernel: wrprotect_ptes()</remarks>
    [KernelHelper("wrprotect_ptes")]
    void WrprotectPtes(IMmContext mm, ulong addr, PtePointer ptep, int nr);

    /// <summary>Makes an entry at least as permissive as <paramref name="entry"/> (young, dirty, writable); returns whether it changed.</summary>
    /// <remarks>Kernel: ptep_set_access_flags()</remarks>
    [KernelHelper("ptep_set_access_flags")]
    bool PtepSetAccessFlags(IMmContext vma, ulong addr, PtePointer ptep, Pte entry, bool dirty);

    /// <summary>Clears young and/or dirty on <paramref name="nr"/> entries, as <paramref name="flags"/> says.</summary>
    /// <remarks>Kernel: clear_young_dirty_ptes()</remarks>
    [KernelHelper("clear_young_dirty_ptes")]
    void ClearYoungDirtyPtes(IMmContext vma, ulong addr, PtePointer ptep, int nr, CydpFlags flags);

    /// <summary>Marks <paramref name="nr"/> entries old and clean: <see cref="ClearYoungDirtyPtes"/> with Young|Dirty.</summary>
    /// <remarks>Kernel: mkold_clean_ptes() (the v4 lazyfree series' helper, without its <c>full</c> parameter, as the review asked)</remarks>
    [KernelHelper("mkold_clean_ptes")]
    void MkoldCleanPtes(IMmContext vma, ulong addr, PtePointer ptep, int nr);

    /// <summary>How many entries from <paramref name="ptep"/> on the architecture knows map contiguous memory with the same permissions (at least 1).</summary>
    /// <remarks>Kernel: pte_batch_hint()</remarks>
    [KernelHelper("pte_batch_hint")]
    int PteBatchHint(PtePointer ptep, Pte pte);

    /// <summary>Clears <paramref name="nr"/> entries and returns the first one's old value with young/dirty OR-ed over the batch; <see cref="GetAndClearFullPtes"/> with full = 0.</summary>
    /// <remarks>Kernel: get_and_clear_ptes() (a wrapper, not overridable on its own)</remarks>
    [KernelHelper("get_and_clear_ptes")]
    Pte GetAndClearPtes(IMmContext mm, ulong addr, PtePointer ptep, int nr);

    /// <summary>Clears <paramref name="nr"/> entries; <see cref="ClearFullPtes"/> with full = 0.</summary>
    /// <remarks>Kernel: clear_ptes() (a wrapper, not overridable on its own)</remarks>
    [KernelHelper("clear_ptes")]
    void ClearPtes(IMmContext mm, ulong addr, PtePointer ptep, int nr);

    /// <summary>Clears the access flag of <paramref name="nr"/> entries, flushing the TLB where the arch needs it; returns whether any entry was young.</summary>
    /// <remarks>Kernel: clear_flush_young_ptes()</remarks>
    [KernelHelper("clear_flush_young_ptes")]
    bool ClearFlushYoungPtes(IMmContext vma, ulong addr, PtePointer ptep, int nr);

    /// <summary>Clears the access flag of <paramref name="nr"/> entries without a TLB flush; returns whether any entry was young.</summary>
    /// <remarks>Kernel: test_and_clear_young_ptes()</remarks>
    [KernelHelper("test_and_clear_young_ptes")]
    bool TestAndClearYoungPtes(IMmContext vma, ulong addr, PtePointer ptep, int nr);

    /// <summary>Starts a protection change of one entry: clears it (so hardware cannot update it meanwhile) and returns its old value.</summary>
    /// <remarks>Kernel: ptep_modify_prot_start()</remarks>
    [KernelHelper("ptep_modify_prot_start")]
    Pte PtepModifyProtStart(IMmContext vma, ulong addr, PtePointer ptep);

    /// <summary>Commits a protection change started by <see cref="PtepModifyProtStart"/>: stores <paramref name="pte"/> (computed from <paramref name="oldPte"/>).</summary>
    /// <remarks>Kernel: ptep_modify_prot_commit()</remarks>
    [KernelHelper("ptep_modify_prot_commit")]
    void PtepModifyProtCommit(IMmContext vma, ulong addr, PtePointer ptep, Pte oldPte, Pte pte);

    /// <summary>Starts a protection change of <paramref name="nr"/> entries: clears them and returns the first one's old value with young/dirty OR-ed over the batch.</summary>
    /// <remarks>Kernel: modify_prot_start_ptes()</remarks>
    [KernelHelper("modify_prot_start_ptes")]
    Pte ModifyProtStartPtes(IMmContext vma, ulong addr, PtePointer ptep, int nr);

    /// <summary>Commits a protection change of <paramref name="nr"/> entries: entry i becomes <paramref name="pte"/> with its PFN advanced by i.</summary>
    /// <remarks>Kernel: modify_prot_commit_ptes()</remarks>
    [KernelHelper("modify_prot_commit_ptes")]
    void ModifyProtCommitPtes(IMmContext vma, ulong addr, PtePointer ptep, Pte oldPte, Pte pte, int nr);

    /// <summary>Clears <paramref name="nr"/> non-present entries (swap, migration, marker or none).</summary>
    /// <remarks>Kernel: clear_nonpresent_ptes() (no #ifndef: not overridable; formerly clear_not_present_full_ptes())</remarks>
    [KernelHelper("clear_nonpresent_ptes")]
    void ClearNonpresentPtes(IMmContext mm, ulong addr, PtePointer ptep, int nr);

    /// <summary>Updates the local TLB after another thread won a fault race on <paramref name="nr"/> entries; nothing on most arches.</summary>
    /// <remarks>Kernel: update_mmu_tlb_range()</remarks>
    [KernelHelper("update_mmu_tlb_range")]
    void UpdateMmuTlbRange(IMmContext vma, ulong addr, PtePointer ptep, int nr);
}
