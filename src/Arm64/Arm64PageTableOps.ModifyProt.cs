namespace ArchPgtable.Arm64;

/// <summary>arm64's protection-change transaction (both builds): arch/arm64/mm/mmu.c.</summary>
public abstract partial class Arm64PageTableOps
{
    /// <summary>
    /// <see cref="IPageTableOps.GetAndClearPtes"/> over the batch (contpte-aware in the CONTPTE build: partially covered end
    /// blocks unfold, young/dirty OR-ed into the returned value). The Cortex-A510 erratum 2645198 range flush
    /// (ARM64_WORKAROUND_2645198, exec → non-exec) is not modelled: no modelled CPU has the erratum.
    /// </summary>
    /// <remarks>Kernel: modify_prot_start_ptes() (arch/arm64/mm/mmu.c)</remarks>
    [KernelHelper("modify_prot_start_ptes")]
    protected override Pte ModifyProtStartPtesCore(IMmContext vma, ulong addr, PtePointer ptep, int nr) =>
        GetAndClearPtes(vma, addr, ptep, nr);

    /// <summary><see cref="IPageTableOps.SetPtes"/> of the new values (<paramref name="oldPte"/> unused): in the CONTPTE build a fully covered, aligned block is written contiguous again.</summary>
    /// <remarks>Kernel: modify_prot_commit_ptes() (arch/arm64/mm/mmu.c)</remarks>
    [KernelHelper("modify_prot_commit_ptes")]
    protected override void ModifyProtCommitPtesCore(IMmContext vma, ulong addr, PtePointer ptep, Pte oldPte, Pte pte, int nr) =>
        SetPtes(vma, addr, ptep, pte, nr);

    /// <summary><see cref="ModifyProtStartPtesCore"/> with nr = 1.</summary>
    /// <remarks>Kernel: ptep_modify_prot_start() (arch/arm64/mm/mmu.c: modify_prot_start_ptes(vma, addr, ptep, 1); __HAVE_ARCH_PTEP_MODIFY_PROT_TRANSACTION)</remarks>
    [KernelHelper("ptep_modify_prot_start")]
    protected override Pte PtepModifyProtStartCore(IMmContext vma, ulong addr, PtePointer ptep) =>
        ModifyProtStartPtesCore(vma, addr, ptep, 1);

    /// <summary><see cref="ModifyProtCommitPtesCore"/> with nr = 1.</summary>
    /// <remarks>Kernel: ptep_modify_prot_commit() (arch/arm64/mm/mmu.c: modify_prot_commit_ptes(vma, addr, ptep, old_pte, pte, 1))</remarks>
    [KernelHelper("ptep_modify_prot_commit")]
    protected override void PtepModifyProtCommitCore(IMmContext vma, ulong addr, PtePointer ptep, Pte oldPte, Pte pte) =>
        ModifyProtCommitPtesCore(vma, addr, ptep, oldPte, pte, 1);
}
