namespace ArchPgtable.Mm.Tracing;

/// <summary>Records contpte folds and unfolds and folio splits, then counts them.</summary>
/// <remarks>Kernel: contpte_convert() (from __contpte_try_fold() / __contpte_try_unfold()), split_folio().</remarks>
internal sealed class TracingCostCounters(ICostCounters inner, TraceRecorder recorder) : ICostCounters
{
    public void Fold(ulong addr, int nr)
    {
        recorder.Instant("contpte_fold", "contpte", TraceArg.Hex("addr", addr), TraceArg.Number("nr", nr));
        inner.Fold(addr, nr);
    }

    public void Unfold(ulong addr, int nr)
    {
        recorder.Instant("contpte_unfold", "contpte", TraceArg.Hex("addr", addr), TraceArg.Number("nr", nr));
        inner.Unfold(addr, nr);
    }

    public void FolioSplit(ulong pfn, int nrPages)
    {
        recorder.Instant("split_folio", "mm", TraceArg.Hex("pfn", pfn), TraceArg.Number("nr_pages", nrPages));
        inner.FolioSplit(pfn, nrPages);
    }
}
