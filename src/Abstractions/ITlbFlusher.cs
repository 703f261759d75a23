namespace ArchPgtable;

/// <summary>TLB maintenance a helper may issue. The simulated MMU's TLB implements it for real; tests may substitute it.</summary>
/// <remarks>Kernel: flush_tlb_page(), __flush_tlb_range(), flush_tlb_mm() and the local (non-broadcast) variants.</remarks>
public interface ITlbFlusher
{
    /// <summary>Invalidates the translation of one page.</summary>
    /// <param name="addr">A virtual address inside the page.</param>
    /// <remarks>Kernel: flush_tlb_page() / __flush_tlb_page_nosync()</remarks>
    void FlushPage(ulong addr);

    /// <summary>Invalidates the translations of <c>[start, end)</c>.</summary>
    /// <param name="start">First virtual address (page-aligned).</param>
    /// <param name="end">One past the last virtual address.</param>
    /// <param name="stride">The invalidation stride (the page size for last-level ranges).</param>
    /// <param name="lastLevel">Only leaf entries changed.</param>
    /// <param name="sync">Wait for completion (DSB) before returning.</param>
    /// <remarks>Kernel: __flush_tlb_range(vma, start, end, stride, last_level, tlb_level)</remarks>
    void FlushRange(ulong start, ulong end, ulong stride, bool lastLevel, bool sync);

    /// <summary>Invalidates every translation of the address space.</summary>
    /// <remarks>Kernel: flush_tlb_mm()</remarks>
    void FlushAll();

    /// <summary>
    /// Invalidates the last-level translations of <c>[start, end)</c> on the calling CPU only (a non-broadcast TLBI,
    /// completed with a local DSB): other CPUs may keep stale entries until something else flushes them or their own
    /// fault path does. With <paramref name="notifySecondary"/>, device walkers sharing the address space (an SMMU or
    /// IOMMU bound with SVA) are invalidated too, through the mm's mmu notifier. Safe only for a change that makes
    /// the entries more permissive (a stale entry then grants less than the live one). The default is
    /// <see cref="FlushRange"/> with <c>lastLevel</c> and <c>sync</c>: the broadcast flush, a superset.
    /// </summary>
    /// <param name="start">First virtual address (page-aligned).</param>
    /// <param name="end">One past the last virtual address.</param>
    /// <param name="stride">The invalidation stride (the page size).</param>
    /// <param name="notifySecondary">Also invalidate device agents' TLBs (mmu_notifier_arch_invalidate_secondary_tlbs()).</param>
    /// <remarks>Kernel: local_flush_tlb_contpte(), local_flush_tlb_page() and (without notify) local_flush_tlb_page_nonotify();
    /// in the newest mainline __flush_tlb_range()/__flush_tlb_page() with TLBF_NOBROADCAST (and TLBF_NONOTIFY).</remarks>
    void FlushRangeLocal(ulong start, ulong end, ulong stride, bool notifySecondary) =>
        FlushRange(start, end, stride, lastLevel: true, sync: true);
}
