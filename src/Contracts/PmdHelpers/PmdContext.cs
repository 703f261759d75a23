namespace ArchPgtable.Contracts.PmdHelpers;

/// <summary>The mm a PMD contract case calls the helpers with: a user mm whose TLB flushes are recorded.</summary>
internal sealed class PmdContext : IMmContext, ITlbFlusher
{
    private readonly CostCounters _counters = new();

    /// <summary>Every flush, as (start, end); a page flush is (addr, addr + 1).</summary>
    public List<(ulong Start, ulong End)> Flushes { get; } = [];

    public bool IsUserMm => true;

    public ITlbFlusher Tlb => this;

    public ICostCounters Counters => _counters;

    public bool TryGetFolio(ulong pfn, out FolioExtent folio)
    {
        folio = default;
        return false;
    }

    public void FlushPage(ulong addr) => Flushes.Add((addr, addr + 1));

    public void FlushRange(ulong start, ulong end, ulong stride, bool lastLevel, bool sync) => Flushes.Add((start, end));

    public void FlushAll() => Flushes.Add((0, ulong.MaxValue));
}
