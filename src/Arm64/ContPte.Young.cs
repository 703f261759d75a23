namespace ArchPgtable.Arm64;

/// <summary>The mainline batched young helpers of the contpte engine (Baolin Wang's batched reference checking, 2026).</summary>
internal sealed partial class ContPte
{
    /// <summary>
    /// Clears the access flag of <paramref name="nr"/> consecutive present entries, widened to whole blocks at the two
    /// ends (<see cref="AlignAddrPtep"/>): core mm ages per folio and a block lies in one folio, so no unfold. No TLB
    /// maintenance. Returns whether any entry of the widened range was young.
    /// </summary>
    /// <remarks>Kernel: contpte_test_and_clear_young_ptes() (contpte_align_addr_ptep(), then __ptep_test_and_clear_young() per entry)</remarks>
    public bool TestAndClearYoungPtes(ulong addr, PtePointer ptep, int nr)
    {
        var end = addr + ((ulong)nr << _pageShift);
        ptep = AlignAddrPtep(ref addr, ref end, ptep, nr);
        var young = false;
        for (var i = 0; addr != end; i++, addr += _pageSize)
        {
            young |= Arm64RawPtes.PtepTestAndClearYoung(ptep + i);
        }

        return young;
    }

    /// <summary>
    /// <see cref="TestAndClearYoungPtes"/>; if any entry was young, one non-synchronous last-level range flush of the
    /// widened range (the trailing DSB is elided as in <c>__ptep_clear_flush_young()</c>).
    /// </summary>
    /// <remarks>Kernel: contpte_clear_flush_young_ptes() (__flush_tlb_range(vma, addr, end, PAGE_SIZE, 3, TLBF_NOWALKCACHE | TLBF_NOSYNC))</remarks>
    public bool ClearFlushYoungPtes(IMmContext vma, ulong addr, PtePointer ptep, int nr)
    {
        var young = TestAndClearYoungPtes(addr, ptep, nr);
        if (young)
        {
            var end = addr + ((ulong)nr << _pageShift);
            AlignAddrPtep(ref addr, ref end, ptep, nr);
            vma.Tlb.FlushRange(addr, end, _pageSize, lastLevel: true, sync: false);
        }

        return young;
    }
}
