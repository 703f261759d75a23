namespace ArchPgtable.RiscV;

/// <summary>riscv's override among the helpers mainline added after v6.10, kept in the (modelled) NAPOT layer.</summary>
public sealed partial class RiscVNapotOps
{
    /// <summary>The eager per-page fence of <c>update_mmu_cache_range()</c> (no Svvptc), as in the upstream build.</summary>
    /// <remarks>Kernel: update_mmu_tlb_range() → update_mmu_cache_range(NULL, vma, addr, ptep, nr) (arch/riscv/include/asm/pgtable.h)</remarks>
    [KernelHelper("update_mmu_cache_range")]
    protected override void UpdateMmuTlbRangeCore(IMmContext vma, ulong addr, PtePointer ptep, int nr) =>
        RiscVTlbUpdate.UpdateMmuCacheRange(vma, addr, nr, Geometry.PageSize);
}
