namespace ArchPgtable.Generic;

/// <summary>The helpers mainline pgtable.h added after v6.10: the contract checks, then the <c>…Core</c> member in force.</summary>
public abstract partial class GenericPageTableOps
{
    /// <inheritdoc/>
    /// <remarks>Kernel: get_and_clear_ptes() is get_and_clear_full_ptes(mm, addr, ptep, nr, 0); it cannot be overridden on its own.</remarks>
    public Pte GetAndClearPtes(IMmContext mm, ulong addr, PtePointer ptep, int nr) => GetAndClearFullPtes(mm, addr, ptep, nr, false);

    /// <inheritdoc/>
    /// <remarks>Kernel: clear_ptes() is clear_full_ptes(mm, addr, ptep, nr, 0); it cannot be overridden on its own.</remarks>
    public void ClearPtes(IMmContext mm, ulong addr, PtePointer ptep, int nr) => ClearFullPtes(mm, addr, ptep, nr, false);

    /// <inheritdoc/>
    public bool ClearFlushYoungPtes(IMmContext vma, ulong addr, PtePointer ptep, int nr)
    {
        CheckPresentBatch(vma, "clear_flush_young_ptes", addr, ptep, nr);
        return ClearFlushYoungPtesCore(vma, addr, ptep, nr);
    }

    /// <inheritdoc/>
    public bool TestAndClearYoungPtes(IMmContext vma, ulong addr, PtePointer ptep, int nr)
    {
        CheckPresentBatch(vma, "test_and_clear_young_ptes", addr, ptep, nr);
        return TestAndClearYoungPtesCore(vma, addr, ptep, nr);
    }

    /// <inheritdoc/>
    public Pte PtepModifyProtStart(IMmContext vma, ulong addr, PtePointer ptep)
    {
        ArgumentNullException.ThrowIfNull(vma);
        BatchContract.CheckSingle(Geometry, "ptep_modify_prot_start", addr, ptep);
        return PtepModifyProtStartCore(vma, addr, ptep);
    }

    /// <inheritdoc/>
    public void PtepModifyProtCommit(IMmContext vma, ulong addr, PtePointer ptep, Pte oldPte, Pte pte)
    {
        ArgumentNullException.ThrowIfNull(vma);
        BatchContract.CheckSingle(Geometry, "ptep_modify_prot_commit", addr, ptep);
        PtepModifyProtCommitCore(vma, addr, ptep, oldPte, pte);
    }

    /// <inheritdoc/>
    public Pte ModifyProtStartPtes(IMmContext vma, ulong addr, PtePointer ptep, int nr)
    {
        CheckPresentBatch(vma, "modify_prot_start_ptes", addr, ptep, nr);
        return ModifyProtStartPtesCore(vma, addr, ptep, nr);
    }

    /// <inheritdoc/>
    public void ModifyProtCommitPtes(IMmContext vma, ulong addr, PtePointer ptep, Pte oldPte, Pte pte, int nr)
    {
        ArgumentNullException.ThrowIfNull(vma);
        BatchContract.CheckBatch(Geometry, "modify_prot_commit_ptes", addr, ptep, nr);
        ModifyProtCommitPtesCore(vma, addr, ptep, oldPte, pte, nr);
    }

    /// <inheritdoc/>
    /// <remarks>Kernel: clear_nonpresent_ptes() has no <c>#ifndef</c>: the loop over pte_clear() below is the only implementation.</remarks>
    public void ClearNonpresentPtes(IMmContext mm, ulong addr, PtePointer ptep, int nr)
    {
        ArgumentNullException.ThrowIfNull(mm);
        BatchContract.CheckBatch(Geometry, "clear_nonpresent_ptes", addr, ptep, nr);
        if (DebugVm)
        {
            BatchContract.CheckNotPresent(Format, "clear_nonpresent_ptes", ptep, nr);
        }

        var table = ptep.Table;
        var index = ptep.Index;
        for (; ; )
        {
            table.Write(index, Pte.None);
            if (--nr == 0)
            {
                break;
            }

            index++;
        }
    }

    /// <inheritdoc/>
    public void UpdateMmuTlbRange(IMmContext vma, ulong addr, PtePointer ptep, int nr)
    {
        ArgumentNullException.ThrowIfNull(vma);
        BatchContract.CheckBatch(Geometry, "update_mmu_tlb_range", addr, ptep, nr);
        UpdateMmuTlbRangeCore(vma, addr, ptep, nr);
    }
}
