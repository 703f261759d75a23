namespace ArchPgtable.Arm64;

/// <summary>The mainline batched young helpers of the CONFIG_ARM64_CONTPTE build.</summary>
public partial class Arm64ContPteOps
{
    /// <summary>nr = 1 on a non-contiguous entry: the raw compare-and-exchange clear. Otherwise the contpte batch: AF cleared over the range widened to whole end blocks, no unfold, no flush.</summary>
    /// <remarks>Kernel: test_and_clear_young_ptes() (arm64 inline) → __ptep_test_and_clear_young() or contpte_test_and_clear_young_ptes()</remarks>
    [KernelHelper("contpte_test_and_clear_young_ptes")]
    protected override bool TestAndClearYoungPtesCore(IMmContext vma, ulong addr, PtePointer ptep, int nr) =>
        _blocks.TestAndClearYoungPtes(addr, ptep, nr);

    /// <summary>nr = 1 on a non-contiguous entry: raw clear plus a page flush if young. Otherwise the contpte batch, then one non-synchronous range flush of the widened range if any entry was young.</summary>
    /// <remarks>Kernel: clear_flush_young_ptes() (arm64 inline) → __ptep_clear_flush_young() or contpte_clear_flush_young_ptes()</remarks>
    [KernelHelper("contpte_clear_flush_young_ptes")]
    protected override bool ClearFlushYoungPtesCore(IMmContext vma, ulong addr, PtePointer ptep, int nr) =>
        _blocks.ClearFlushYoungPtes(vma, addr, ptep, nr);
}
