namespace ArchPgtable.Mm.Tracing;

/// <summary>One recorded event.</summary>
/// <param name="Timestamp">Logical time: the event's sequence number (one microsecond per event in the Chrome view), so two runs give the same file.</param>
/// <param name="Phase">Begin, end, instant or metadata.</param>
/// <param name="Name">The kernel name of what happened (<c>clear_young_dirty_ptes</c>, <c>pte_write</c>, <c>flush_tlb_range</c>).</param>
/// <param name="Category">The group: <c>helper</c>, <c>pte</c>, <c>tlb</c>, <c>contpte</c>, <c>fault</c>, <c>mm</c>, <c>__metadata</c>.</param>
/// <param name="Pid">The machine (one per simulated system or contract run).</param>
/// <param name="Tid">The agent (hardware thread or device walker) that acted; 0 is <c>cpu0</c>.</param>
/// <param name="Args">The event's arguments, in order.</param>
public readonly record struct TraceEvent(long Timestamp, TracePhase Phase, string Name, string Category, int Pid, int Tid, IReadOnlyList<TraceArg> Args);
