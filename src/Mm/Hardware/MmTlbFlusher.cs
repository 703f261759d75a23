namespace ArchPgtable.Mm.Hardware;

/// <summary>
/// The TLB maintenance of one address space: counts each flush and invalidates the shared
/// <see cref="Tlb"/> for the mm's ASID. Used by <see cref="MmStruct"/> and by anything else that
/// drives the Mm TLB model directly (the contract suite's world).
/// </summary>
/// <remarks>Kernel: flush_tlb_page(), __flush_tlb_range(), flush_tlb_mm() for one mm.</remarks>
/// <param name="tlb">The TLB model.</param>
/// <param name="asid">The address space's ASID in it.</param>
/// <param name="geometry">Page size and contiguous-block size (block entries are invalidated whole).</param>
/// <param name="counters">Where each flush is counted.</param>
public sealed class MmTlbFlusher(Tlb tlb, int asid, ArchGeometry geometry, CostCounters counters) : ITlbFlusher
{
    /// <inheritdoc/>
    /// <remarks>Kernel: flush_tlb_page()</remarks>
    public void FlushPage(ulong addr)
    {
        counters.FlushPage(addr);
        var vpn = addr >> geometry.PageShift;
        tlb.InvalidateRange(asid, vpn, vpn + 1, geometry.ContPtes);
    }

    /// <inheritdoc/>
    /// <remarks>Kernel: __flush_tlb_range()</remarks>
    public void FlushRange(ulong start, ulong end, ulong stride, bool lastLevel, bool sync)
    {
        counters.FlushRange(start, end, stride, lastLevel, sync);
        tlb.InvalidateRange(asid, start >> geometry.PageShift, (end + geometry.PageSize - 1) >> geometry.PageShift, geometry.ContPtes);
    }

    /// <inheritdoc/>
    /// <remarks>Kernel: flush_tlb_mm()</remarks>
    public void FlushAll()
    {
        counters.FlushAll();
        tlb.InvalidateAsid(asid);
    }
}
