namespace ArchPgtable;

/// <summary>TLB maintenance a helper may issue. The simulated MMU's TLB implements it for real; tests may substitute it.</summary>
/// <remarks>Kernel: flush_tlb_page(), __flush_tlb_range(), flush_tlb_mm().</remarks>
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
}
