namespace ArchPgtable.Mm.Tracing;

/// <summary>Records each TLB invalidation with its range, then performs it.</summary>
/// <remarks>Kernel: flush_tlb_page(), __flush_tlb_range(), flush_tlb_mm(), and the local variants (local_flush_tlb_contpte(), local_flush_tlb_page(), local_flush_tlb_page_nonotify()).</remarks>
internal sealed class TracingTlbFlusher(ITlbFlusher inner, TraceRecorder recorder) : ITlbFlusher
{
    private const string Category = "tlb";

    public void FlushPage(ulong addr)
    {
        recorder.Instant("flush_tlb_page", Category, TraceArg.Hex("addr", addr));
        inner.FlushPage(addr);
    }

    public void FlushRange(ulong start, ulong end, ulong stride, bool lastLevel, bool sync)
    {
        recorder.Instant("flush_tlb_range", Category, TraceArg.Hex("start", start), TraceArg.Hex("end", end),
            TraceArg.Hex("stride", stride), TraceArg.Flag("last_level", lastLevel), TraceArg.Flag("sync", sync));
        inner.FlushRange(start, end, stride, lastLevel, sync);
    }

    public void FlushAll()
    {
        recorder.Instant("flush_tlb_mm", Category);
        inner.FlushAll();
    }

    public void FlushRangeLocal(ulong start, ulong end, ulong stride, bool notifySecondary)
    {
        recorder.Instant(notifySecondary ? "local_flush_tlb_range" : "local_flush_tlb_range_nonotify", Category,
            TraceArg.Hex("start", start), TraceArg.Hex("end", end), TraceArg.Hex("stride", stride));
        inner.FlushRangeLocal(start, end, stride, notifySecondary);
    }
}
