namespace ArchPgtable.Mm.Tracing;

/// <summary>The kind of a trace event, as the Chrome trace-event format spells it in <c>ph</c>.</summary>
/// <remarks>Kernel: none; ftrace's function-graph entry/exit and plain trace events.</remarks>
public enum TracePhase
{
    /// <summary>A span begins (<c>"B"</c>): a helper call, a fault.</summary>
    Begin,

    /// <summary>The innermost open span ends (<c>"E"</c>), with its return value.</summary>
    End,

    /// <summary>A point event (<c>"i"</c>): a raw PTE access, a TLB flush, a fold or unfold.</summary>
    Instant,

    /// <summary>A metadata event (<c>"M"</c>): the name of a process (machine) or thread (agent).</summary>
    Metadata,
}
