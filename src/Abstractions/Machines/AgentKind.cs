namespace ArchPgtable.Machines;

/// <summary>What kind of hardware walks the page tables: a CPU, or a device walker sharing the process's tables (SVA).</summary>
/// <remarks>Kernel: the CPUs of the system, and an IOMMU bound with iommu_sva_bind_device().</remarks>
public enum AgentKind
{
    /// <summary>A CPU with its own MMU and TLB; flushed by broadcast TLB invalidation or an IPI shootdown.</summary>
    /// <remarks>Kernel: flush_tlb_range() / TLBI …IS / flush_tlb_multi().</remarks>
    Cpu,

    /// <summary>An arm64 SMMUv3 walking the process's stage-1 tables in SVA mode; reached by mmu-notifier invalidation.</summary>
    /// <remarks>Kernel: drivers/iommu/arm/arm-smmu-v3/arm-smmu-v3-sva.c (arm_smmu_mm_arch_invalidate_secondary_tlbs()).</remarks>
    Smmu,

    /// <summary>An x86 IOMMU (VT-d / AMD-Vi first-level tables) or a RISC-V IOMMU in SVA mode; reached by mmu-notifier invalidation.</summary>
    /// <remarks>Kernel: intel_arch_invalidate_secondary_tlbs(), the riscv iommu's SVA notifier.</remarks>
    Iommu,
}
