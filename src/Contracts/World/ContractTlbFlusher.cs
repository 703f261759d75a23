using ArchPgtable.Mm.Hardware;

namespace ArchPgtable.Contracts.World;

/// <summary>The TLB maintenance of the contract world: counts each flush and invalidates the Mm <see cref="Tlb"/> model for the world's ASID.</summary>
/// <remarks>Kernel: flush_tlb_page(), __flush_tlb_range(), flush_tlb_mm() for one mm.</remarks>
internal sealed class ContractTlbFlusher(Tlb tlb, int asid, ArchGeometry geometry, CostCounters counters) : ITlbFlusher
{
    public void FlushPage(ulong addr)
    {
        counters.FlushPage(addr);
        var vpn = addr >> geometry.PageShift;
        tlb.InvalidateRange(asid, vpn, vpn + 1, geometry.ContPtes);
    }

    public void FlushRange(ulong start, ulong end, ulong stride, bool lastLevel, bool sync)
    {
        counters.FlushRange(start, end, stride, lastLevel, sync);
        tlb.InvalidateRange(asid, start >> geometry.PageShift, (end + geometry.PageSize - 1) >> geometry.PageShift, geometry.ContPtes);
    }

    public void FlushAll()
    {
        counters.FlushAll();
        tlb.InvalidateAsid(asid);
    }
}
