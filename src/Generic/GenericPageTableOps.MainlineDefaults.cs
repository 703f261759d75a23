namespace ArchPgtable.Generic;

/// <summary>The mainline (after v6.10) generic defaults: each <c>…Core</c> member is the body of the kernel's <c>#ifndef</c> fallback.</summary>
public abstract partial class GenericPageTableOps
{
    /// <summary>Default: <see cref="IPageTableOps.PtepClearFlushYoung"/> on each entry, OR-ing the results.</summary>
    /// <remarks>Kernel: clear_flush_young_ptes()</remarks>
    [KernelHelper("clear_flush_young_ptes")]
    protected virtual bool ClearFlushYoungPtesCore(IMmContext vma, ulong addr, PtePointer ptep, int nr)
    {
        var young = false;
        for (; ; )
        {
            young |= PtepClearFlushYoung(vma, addr, ptep);
            if (--nr == 0)
            {
                break;
            }

            ptep += 1;
            addr += Geometry.PageSize;
        }

        return young;
    }

    /// <summary>Default: <see cref="IPageTableOps.PtepTestAndClearYoung"/> on each entry, OR-ing the results.</summary>
    /// <remarks>Kernel: test_and_clear_young_ptes()</remarks>
    [KernelHelper("test_and_clear_young_ptes")]
    protected virtual bool TestAndClearYoungPtesCore(IMmContext vma, ulong addr, PtePointer ptep, int nr)
    {
        var young = false;
        for (; ; )
        {
            young |= PtepTestAndClearYoung(vma, addr, ptep);
            if (--nr == 0)
            {
                break;
            }

            ptep += 1;
            addr += Geometry.PageSize;
        }

        return young;
    }

    /// <summary>Default: <see cref="IPageTableOps.PtepGetAndClear"/> (the entry is none until the commit).</summary>
    /// <remarks>Kernel: ptep_modify_prot_start() → __ptep_modify_prot_start() (without __HAVE_ARCH_PTEP_MODIFY_PROT_TRANSACTION)</remarks>
    [KernelHelper("ptep_modify_prot_start")]
    protected virtual Pte PtepModifyProtStartCore(IMmContext vma, ulong addr, PtePointer ptep) => PtepGetAndClear(vma, addr, ptep);

    /// <summary>Default: <see cref="IPageTableOps.SetPteAt"/> of the new value (<paramref name="oldPte"/> unused).</summary>
    /// <remarks>Kernel: ptep_modify_prot_commit() → __ptep_modify_prot_commit()</remarks>
    [KernelHelper("ptep_modify_prot_commit")]
    protected virtual void PtepModifyProtCommitCore(IMmContext vma, ulong addr, PtePointer ptep, Pte oldPte, Pte pte) =>
        SetPteAt(vma, addr, ptep, pte);

    /// <summary>Default: <see cref="IPageTableOps.PtepModifyProtStart"/> on each entry, OR-ing young and dirty into the first one's value.</summary>
    /// <remarks>Kernel: modify_prot_start_ptes()</remarks>
    [KernelHelper("modify_prot_start_ptes")]
    protected virtual Pte ModifyProtStartPtesCore(IMmContext vma, ulong addr, PtePointer ptep, int nr)
    {
        var pte = PtepModifyProtStart(vma, addr, ptep);
        while (--nr != 0)
        {
            ptep += 1;
            addr += Geometry.PageSize;
            var tmp = PtepModifyProtStart(vma, addr, ptep);
            if (Format.Dirty(tmp))
            {
                pte = Format.MkDirty(pte);
            }

            if (Format.Young(tmp))
            {
                pte = Format.MkYoung(pte);
            }
        }

        return pte;
    }

    /// <summary>Default: <see cref="IPageTableOps.PtepModifyProtCommit"/> on each entry, advancing both the old and the new value's PFN.</summary>
    /// <remarks>Kernel: modify_prot_commit_ptes()</remarks>
    [KernelHelper("modify_prot_commit_ptes")]
    protected virtual void ModifyProtCommitPtesCore(IMmContext vma, ulong addr, PtePointer ptep, Pte oldPte, Pte pte, int nr)
    {
        for (; ; )
        {
            PtepModifyProtCommit(vma, addr, ptep, oldPte, pte);
            if (--nr == 0)
            {
                break;
            }

            ptep += 1;
            addr += Geometry.PageSize;
            oldPte = Format.AdvancePfn(oldPte, 1);
            pte = Format.AdvancePfn(pte, 1);
        }
    }

    /// <summary>Default: nothing — hardware refills the TLB from the table.</summary>
    /// <remarks>Kernel: update_mmu_tlb_range()</remarks>
    [KernelHelper("update_mmu_tlb_range")]
    protected virtual void UpdateMmuTlbRangeCore(IMmContext vma, ulong addr, PtePointer ptep, int nr)
    {
    }
}
