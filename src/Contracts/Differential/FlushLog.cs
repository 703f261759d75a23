using System.Globalization;

namespace ArchPgtable.Contracts.Differential;

/// <summary>The TLB maintenance one helper call issued, in order, as text (<c>range [0x…, 0x…) stride 0x1000 last sync</c>).</summary>
internal sealed class FlushLog
{
    public List<string> Entries { get; } = [];

    public void Clear() => Entries.Clear();

    public override string ToString() => Entries.Count == 0 ? "none" : string.Join("; ", Entries);

    /// <summary>An <see cref="IMmContext"/> that forwards everything to <paramref name="inner"/> and logs each flush first.</summary>
    public IMmContext Wrap(IMmContext inner) => new RecordingMm(inner, new RecordingTlb(inner.Tlb, this));

    private sealed class RecordingMm(IMmContext inner, ITlbFlusher tlb) : IMmContext
    {
        public bool IsUserMm => inner.IsUserMm;

        public ITlbFlusher Tlb => tlb;

        public ICostCounters Counters => inner.Counters;

        public bool TryGetFolio(ulong pfn, out FolioExtent folio) => inner.TryGetFolio(pfn, out folio);
    }

    /// <summary>
    /// Logs page, range and whole-mm flushes. A local flush (<see cref="ITlbFlusher.FlushRangeLocal"/>) is logged as the
    /// broadcast flush it narrows — one page as <c>page</c> (flush_tlb_page()), more as a synchronous last-level
    /// <c>range</c> (__flush_tlb_range()) — so mainline's local flush after a dirtying fault and an older tree's
    /// broadcast one compare equal.
    /// </summary>
    private sealed class RecordingTlb(ITlbFlusher inner, FlushLog log) : ITlbFlusher
    {
        public void FlushPage(ulong addr)
        {
            log.Entries.Add(string.Create(CultureInfo.InvariantCulture, $"page 0x{addr:x}"));
            inner.FlushPage(addr);
        }

        public void FlushRange(ulong start, ulong end, ulong stride, bool lastLevel, bool sync)
        {
            log.Entries.Add(string.Create(CultureInfo.InvariantCulture,
                $"range [0x{start:x}, 0x{end:x}) stride 0x{stride:x}{(lastLevel ? " last-level" : "")}{(sync ? " sync" : " nosync")}"));
            inner.FlushRange(start, end, stride, lastLevel, sync);
        }

        public void FlushAll()
        {
            log.Entries.Add("all");
            inner.FlushAll();
        }

        public void FlushRangeLocal(ulong start, ulong end, ulong stride, bool notifySecondary)
        {
            log.Entries.Add(end - start == stride
                ? string.Create(CultureInfo.InvariantCulture, $"page 0x{start:x}")
                : string.Create(CultureInfo.InvariantCulture, $"range [0x{start:x}, 0x{end:x}) stride 0x{stride:x} last-level sync"));
            inner.FlushRangeLocal(start, end, stride, notifySecondary);
        }
    }
}
