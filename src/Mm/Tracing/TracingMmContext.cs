namespace ArchPgtable.Mm.Tracing;

/// <summary>The mm a traced helper is handed: the real one, with its TLB flushes and fold/unfold/split events recorded.</summary>
/// <remarks>Kernel: struct mm_struct / vm_area_struct.</remarks>
internal sealed class TracingMmContext(IMmContext inner, TraceRecorder recorder) : IMmContext
{
    public bool IsUserMm => inner.IsUserMm;

    public ITlbFlusher Tlb { get; } = inner.Tlb is TracingTlbFlusher ? inner.Tlb : new TracingTlbFlusher(inner.Tlb, recorder);

    public ICostCounters Counters { get; } = inner.Counters is TracingCostCounters ? inner.Counters : new TracingCostCounters(inner.Counters, recorder);

    public bool TryGetFolio(ulong pfn, out FolioExtent folio) => inner.TryGetFolio(pfn, out folio);
}
