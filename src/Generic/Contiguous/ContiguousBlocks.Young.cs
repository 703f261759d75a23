namespace ArchPgtable.Generic.Contiguous;

/// <summary>The young helpers of the layer: per block (a block lies in one folio and core mm ages per folio, so no unfold) and batched.</summary>
public sealed partial class ContiguousBlocks<TEncoding>
{
    /// <summary>Clears the access flag of every entry of the block; returns the OR of their young state.</summary>
    /// <remarks>Kernel: contpte_ptep_test_and_clear_young()</remarks>
    public bool TestAndClearYoungBlock(PtePointer ptep)
    {
        var first = ptep.AlignDown(_blockPtes);
        var young = false;
        for (var i = 0; i < _blockPtes; i++)
        {
            young |= _enc.RawTestAndClearYoung(first + i);
        }

        return young;
    }

    /// <summary>Test-and-clears young over the block; if any entry was young, a non-synchronous range flush of the whole block.</summary>
    /// <remarks>Kernel: contpte_ptep_clear_flush_young()</remarks>
    public bool ClearFlushYoungBlock(IMmContext vma, ulong addr, PtePointer ptep)
    {
        ArgumentNullException.ThrowIfNull(vma);
        var young = TestAndClearYoungBlock(ptep);
        if (young)
        {
            var start = BlockStart(addr);
            vma.Tlb.FlushRange(start, start + _blockSize, _pageSize, lastLevel: true, sync: false);
        }

        return young;
    }

    /// <summary>
    /// Clears the access flag of <paramref name="nr"/> consecutive present entries, widened to whole blocks at the two
    /// ends; no unfold, no TLB maintenance. Returns whether any entry of the widened range was young.
    /// </summary>
    /// <remarks>Kernel: contpte_test_and_clear_young_ptes() (contpte_align_addr_ptep(), then __ptep_test_and_clear_young() per entry)</remarks>
    public bool TestAndClearYoungBatch(ulong addr, PtePointer ptep, int nr)
    {
        var end = addr + ((ulong)nr << _pageShift);
        ptep = AlignAddrPtep(ref addr, ref end, ptep, nr);
        var young = false;
        for (var i = 0; addr != end; i++, addr += _pageSize)
        {
            young |= _enc.RawTestAndClearYoung(ptep + i);
        }

        return young;
    }

    /// <summary><see cref="TestAndClearYoungBatch"/>; if any entry was young, one non-synchronous last-level range flush of the widened range.</summary>
    /// <remarks>Kernel: contpte_clear_flush_young_ptes() (__flush_tlb_range(vma, addr, end, PAGE_SIZE, 3, TLBF_NOWALKCACHE | TLBF_NOSYNC))</remarks>
    public bool ClearFlushYoungBatch(IMmContext vma, ulong addr, PtePointer ptep, int nr)
    {
        ArgumentNullException.ThrowIfNull(vma);
        var young = TestAndClearYoungBatch(addr, ptep, nr);
        if (young)
        {
            var end = addr + ((ulong)nr << _pageShift);
            AlignAddrPtep(ref addr, ref end, ptep, nr);
            vma.Tlb.FlushRange(addr, end, _pageSize, lastLevel: true, sync: false);
        }

        return young;
    }
}
