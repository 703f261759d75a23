namespace ArchPgtable.Mm.Tracing;

/// <summary>
/// Reports each raw access to a PTE word as an instant event (<c>pte_read</c>, <c>pte_write</c>,
/// <c>pte_xchg</c>, <c>pte_cmpxchg</c>, <c>pte_hw_update</c>) and forwards to the observer that was
/// installed before it (race injection keeps working under tracing).
/// </summary>
/// <remarks>Kernel: READ_ONCE / WRITE_ONCE / xchg / cmpxchg on a pte_t, as page_table_check sees them.</remarks>
internal sealed class TracingPteObserver(TraceRecorder recorder, IPteAccessObserver? next, int pageShift) : IPteAccessObserver
{
    private const string Category = "pte";

    public void BeforeAccess(PteTable table, int index, PteAccessKind kind) => next?.BeforeAccess(table, index, kind);

    public void AfterAccess(PteTable table, int index, PteAccessKind kind, Pte before, Pte after)
    {
        var ptep = TraceArg.Number("ptep", index);
        var addr = TraceArg.Hex("addr", table.BaseAddress + ((ulong)index << pageShift));
        switch (kind)
        {
            case PteAccessKind.Read:
                recorder.Instant("pte_read", Category, ptep, addr, TraceArg.Hex("val", before.Value));
                break;
            case PteAccessKind.Write:
                recorder.Instant("pte_write", Category, ptep, addr, TraceArg.Hex("old", before.Value), TraceArg.Hex("new", after.Value));
                break;
            case PteAccessKind.Exchange:
                recorder.Instant("pte_xchg", Category, ptep, addr, TraceArg.Hex("old", before.Value), TraceArg.Hex("new", after.Value));
                break;
            case PteAccessKind.CompareExchange:
                recorder.Instant("pte_cmpxchg", Category, ptep, addr, TraceArg.Hex("old", before.Value), TraceArg.Hex("new", after.Value),
                    TraceArg.Flag("ok", before != after));
                break;
            default:
                recorder.Instant("pte_hw_update", Category, ptep, addr, TraceArg.Hex("old", before.Value), TraceArg.Hex("new", after.Value));
                break;
        }

        next?.AfterAccess(table, index, kind, before, after);
    }
}
