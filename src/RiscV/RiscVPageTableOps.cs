using ArchPgtable.Generic;

namespace ArchPgtable.RiscV;

/// <summary>
/// riscv64 as upstream builds it for anonymous memory (no NAPOT for large folios): exactly the
/// helpers riscv overrides among the modelled ones — set_ptes, ptep_get_and_clear,
/// ptep_test_and_clear_young, ptep_clear_flush_young, ptep_set_wrprotect,
/// ptep_set_access_flags — and the pgtable.h default for every other (ptep_get, every batch
/// helper, pte_batch_hint).
/// </summary>
/// <remarks>Kernel: arch/riscv/include/asm/pgtable.h and arch/riscv/mm/pgtable.c (≈v6.10–6.15); used with CONFIG_RISCV_ISA_SVNAPOT=n.</remarks>
public partial class RiscVPageTableOps : GenericPageTableOps
{
    /// <summary>Creates the helpers.</summary>
    /// <param name="mode">Sv39 or Sv48.</param>
    /// <param name="debugVm">Check entry-level batch preconditions (CONFIG_DEBUG_VM).</param>
    /// <remarks>Kernel: a riscv64 kernel running in <paramref name="mode"/>.</remarks>
    public RiscVPageTableOps(RiscVPagingMode mode, bool debugVm = true)
        : base(RiscVPteFormat.Instance, new ArchGeometry(12, (int)mode, contPtes: 1), debugVm)
    {
    }

    /// <summary>Writes each entry, adding one to the PPN each time.</summary>
    /// <remarks>Kernel: set_ptes() (riscv)</remarks>
    [KernelHelper("set_ptes")]
    protected override void SetPtesCore(IMmContext mm, ulong addr, PtePointer ptep, Pte pte, int nr) => RiscVRawPtes.SetPtes(ptep, pte, nr);

    /// <summary>An atomic exchange with 0.</summary>
    /// <remarks>Kernel: ptep_get_and_clear() (riscv: atomic_long_xchg)</remarks>
    [KernelHelper("ptep_get_and_clear")]
    protected override Pte PtepGetAndClearCore(IMmContext mm, ulong addr, PtePointer ptep) => RiscVRawPtes.PtepGetAndClear(ptep);

    /// <summary>An atomic test-and-clear of A when the entry reads young.</summary>
    /// <remarks>Kernel: ptep_test_and_clear_young() (riscv)</remarks>
    [KernelHelper("ptep_test_and_clear_young")]
    protected override bool PtepTestAndClearYoungCore(IMmContext vma, ulong addr, PtePointer ptep) => RiscVRawPtes.PtepTestAndClearYoung(ptep);

    /// <summary>The same test-and-clear, with no TLB flush (a stale A only makes aging less exact).</summary>
    /// <remarks>Kernel: ptep_clear_flush_young() (riscv)</remarks>
    [KernelHelper("ptep_clear_flush_young")]
    protected override bool PtepClearFlushYoungCore(IMmContext vma, ulong addr, PtePointer ptep) => RiscVRawPtes.PtepTestAndClearYoung(ptep);

    /// <summary>An atomic AND clearing W.</summary>
    /// <remarks>Kernel: ptep_set_wrprotect() (riscv)</remarks>
    [KernelHelper("ptep_set_wrprotect")]
    protected override void PtepSetWrprotectCore(IMmContext mm, ulong addr, PtePointer ptep) => RiscVRawPtes.PtepSetWrprotect(ptep);

    /// <summary>Stores the entry if it differs; returns true either way.</summary>
    /// <remarks>Kernel: ptep_set_access_flags() (arch/riscv/mm/pgtable.c)</remarks>
    [KernelHelper("ptep_set_access_flags")]
    protected override bool PtepSetAccessFlagsCore(IMmContext vma, ulong addr, PtePointer ptep, Pte entry, bool dirty) =>
        RiscVRawPtes.PtepSetAccessFlags(ptep, entry);
}
