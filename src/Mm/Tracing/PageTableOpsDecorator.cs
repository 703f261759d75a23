namespace ArchPgtable.Mm.Tracing;

/// <summary>
/// An <see cref="IPageTableOps"/> that wraps another and forwards every helper to it. Derive from it to
/// observe or instrument the helpers of any architecture without touching the plugin; code that asks
/// which implementation is in force (the contract suite, <c>info</c>) looks through it at <see cref="Inner"/>.
/// </summary>
/// <remarks>Kernel: none; the helpers are the arch's, unchanged.</remarks>
/// <param name="inner">The helpers to forward to.</param>
public abstract class PageTableOpsDecorator(IPageTableOps inner) : IPageTableOps
{
    /// <summary>The helpers wrapped.</summary>
    public IPageTableOps Inner { get; } = inner ?? throw new ArgumentNullException(nameof(inner));

    /// <summary>The innermost (undecorated) helpers of <paramref name="ops"/>.</summary>
    public static IPageTableOps Unwrap(IPageTableOps ops)
    {
        while (ops is PageTableOpsDecorator d)
        {
            ops = d.Inner;
        }

        return ops;
    }

    /// <inheritdoc/>
    public IPteFormat Format => Inner.Format;

    /// <inheritdoc/>
    public ArchGeometry Geometry => Inner.Geometry;

    /// <inheritdoc/>
    /// <remarks>Kernel: ptep_get()</remarks>
    public virtual Pte PtepGet(PtePointer ptep) => Inner.PtepGet(ptep);

    /// <inheritdoc/>
    /// <remarks>Kernel: ptep_get_lockless()</remarks>
    public virtual Pte PtepGetLockless(PtePointer ptep) => Inner.PtepGetLockless(ptep);

    /// <inheritdoc/>
    /// <remarks>Kernel: set_ptes()</remarks>
    public virtual void SetPtes(IMmContext mm, ulong addr, PtePointer ptep, Pte pte, int nr) => Inner.SetPtes(mm, addr, ptep, pte, nr);

    /// <inheritdoc/>
    /// <remarks>Kernel: set_pte_at()</remarks>
    public virtual void SetPteAt(IMmContext mm, ulong addr, PtePointer ptep, Pte pte) => Inner.SetPteAt(mm, addr, ptep, pte);

    /// <inheritdoc/>
    /// <remarks>Kernel: ptep_get_and_clear()</remarks>
    public virtual Pte PtepGetAndClear(IMmContext mm, ulong addr, PtePointer ptep) => Inner.PtepGetAndClear(mm, addr, ptep);

    /// <inheritdoc/>
    /// <remarks>Kernel: ptep_get_and_clear_full()</remarks>
    public virtual Pte PtepGetAndClearFull(IMmContext mm, ulong addr, PtePointer ptep, bool full) => Inner.PtepGetAndClearFull(mm, addr, ptep, full);

    /// <inheritdoc/>
    /// <remarks>Kernel: get_and_clear_full_ptes()</remarks>
    public virtual Pte GetAndClearFullPtes(IMmContext mm, ulong addr, PtePointer ptep, int nr, bool full) => Inner.GetAndClearFullPtes(mm, addr, ptep, nr, full);

    /// <inheritdoc/>
    /// <remarks>Kernel: clear_full_ptes()</remarks>
    public virtual void ClearFullPtes(IMmContext mm, ulong addr, PtePointer ptep, int nr, bool full) => Inner.ClearFullPtes(mm, addr, ptep, nr, full);

    /// <inheritdoc/>
    /// <remarks>Kernel: ptep_test_and_clear_young()</remarks>
    public virtual bool PtepTestAndClearYoung(IMmContext vma, ulong addr, PtePointer ptep) => Inner.PtepTestAndClearYoung(vma, addr, ptep);

    /// <inheritdoc/>
    /// <remarks>Kernel: ptep_clear_flush_young()</remarks>
    public virtual bool PtepClearFlushYoung(IMmContext vma, ulong addr, PtePointer ptep) => Inner.PtepClearFlushYoung(vma, addr, ptep);

    /// <inheritdoc/>
    /// <remarks>Kernel: ptep_set_wrprotect()</remarks>
    public virtual void PtepSetWrprotect(IMmContext mm, ulong addr, PtePointer ptep) => Inner.PtepSetWrprotect(mm, addr, ptep);

    /// <inheritdoc/>
    /// <remarks>Kernel: wrprotect_ptes()</remarks>
    public virtual void WrprotectPtes(IMmContext mm, ulong addr, PtePointer ptep, int nr) => Inner.WrprotectPtes(mm, addr, ptep, nr);

    /// <inheritdoc/>
    /// <remarks>Kernel: ptep_set_access_flags()</remarks>
    public virtual bool PtepSetAccessFlags(IMmContext vma, ulong addr, PtePointer ptep, Pte entry, bool dirty) => Inner.PtepSetAccessFlags(vma, addr, ptep, entry, dirty);

    /// <inheritdoc/>
    /// <remarks>Kernel: clear_young_dirty_ptes()</remarks>
    public virtual void ClearYoungDirtyPtes(IMmContext vma, ulong addr, PtePointer ptep, int nr, CydpFlags flags) => Inner.ClearYoungDirtyPtes(vma, addr, ptep, nr, flags);

    /// <inheritdoc/>
    /// <remarks>Kernel: mkold_clean_ptes()</remarks>
    public virtual void MkoldCleanPtes(IMmContext vma, ulong addr, PtePointer ptep, int nr) => Inner.MkoldCleanPtes(vma, addr, ptep, nr);

    /// <inheritdoc/>
    /// <remarks>Kernel: pte_batch_hint()</remarks>
    public virtual int PteBatchHint(PtePointer ptep, Pte pte) => Inner.PteBatchHint(ptep, pte);

    /// <inheritdoc/>
    /// <remarks>Kernel: get_and_clear_ptes()</remarks>
    public virtual Pte GetAndClearPtes(IMmContext mm, ulong addr, PtePointer ptep, int nr) => Inner.GetAndClearPtes(mm, addr, ptep, nr);

    /// <inheritdoc/>
    /// <remarks>Kernel: clear_ptes()</remarks>
    public virtual void ClearPtes(IMmContext mm, ulong addr, PtePointer ptep, int nr) => Inner.ClearPtes(mm, addr, ptep, nr);

    /// <inheritdoc/>
    /// <remarks>Kernel: clear_flush_young_ptes()</remarks>
    public virtual bool ClearFlushYoungPtes(IMmContext vma, ulong addr, PtePointer ptep, int nr) => Inner.ClearFlushYoungPtes(vma, addr, ptep, nr);

    /// <inheritdoc/>
    /// <remarks>Kernel: test_and_clear_young_ptes()</remarks>
    public virtual bool TestAndClearYoungPtes(IMmContext vma, ulong addr, PtePointer ptep, int nr) => Inner.TestAndClearYoungPtes(vma, addr, ptep, nr);

    /// <inheritdoc/>
    /// <remarks>Kernel: ptep_modify_prot_start()</remarks>
    public virtual Pte PtepModifyProtStart(IMmContext vma, ulong addr, PtePointer ptep) => Inner.PtepModifyProtStart(vma, addr, ptep);

    /// <inheritdoc/>
    /// <remarks>Kernel: ptep_modify_prot_commit()</remarks>
    public virtual void PtepModifyProtCommit(IMmContext vma, ulong addr, PtePointer ptep, Pte oldPte, Pte pte) =>
        Inner.PtepModifyProtCommit(vma, addr, ptep, oldPte, pte);

    /// <inheritdoc/>
    /// <remarks>Kernel: modify_prot_start_ptes()</remarks>
    public virtual Pte ModifyProtStartPtes(IMmContext vma, ulong addr, PtePointer ptep, int nr) => Inner.ModifyProtStartPtes(vma, addr, ptep, nr);

    /// <inheritdoc/>
    /// <remarks>Kernel: modify_prot_commit_ptes()</remarks>
    public virtual void ModifyProtCommitPtes(IMmContext vma, ulong addr, PtePointer ptep, Pte oldPte, Pte pte, int nr) =>
        Inner.ModifyProtCommitPtes(vma, addr, ptep, oldPte, pte, nr);

    /// <inheritdoc/>
    /// <remarks>Kernel: clear_nonpresent_ptes()</remarks>
    public virtual void ClearNonpresentPtes(IMmContext mm, ulong addr, PtePointer ptep, int nr) => Inner.ClearNonpresentPtes(mm, addr, ptep, nr);

    /// <inheritdoc/>
    /// <remarks>Kernel: update_mmu_tlb_range()</remarks>
    public virtual void UpdateMmuTlbRange(IMmContext vma, ulong addr, PtePointer ptep, int nr) => Inner.UpdateMmuTlbRange(vma, addr, ptep, nr);
}
