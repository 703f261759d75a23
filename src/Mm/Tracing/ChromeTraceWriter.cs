using System.Text.Json;

namespace ArchPgtable.Mm.Tracing;

/// <summary>
/// Writes a recording in the Chrome trace-event JSON format (<c>{"traceEvents":[…]}</c> with
/// <c>ph</c>/<c>ts</c>/<c>pid</c>/<c>tid</c>/<c>name</c>/<c>cat</c>/<c>args</c>), which Perfetto and
/// chrome://tracing open: helper calls as B/E spans with their raw accesses nested inside, everything
/// else as instant events, a <c>process_name</c> per machine and a <c>thread_name</c> per agent.
/// Timestamps are logical (one microsecond per event). A truncated recording ends with a
/// <c>trace_truncated</c> event and says so in <c>otherData</c>.
/// </summary>
/// <remarks>Kernel: none; the format of trace-cmd's and Perfetto's JSON import.</remarks>
public static class ChromeTraceWriter
{
    /// <summary>Writes <paramref name="recorder"/>'s events to <paramref name="output"/> as UTF-8 JSON.</summary>
    public static void Write(TraceRecorder recorder, Stream output)
    {
        ArgumentNullException.ThrowIfNull(recorder);
        ArgumentNullException.ThrowIfNull(output);
        using var w = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = false });
        w.WriteStartObject();
        w.WriteStartArray("traceEvents");
        var pids = recorder.Processes.Count == 0 ? new Dictionary<int, string> { [1] = "archpgtable" } : recorder.Processes;
        foreach (var (pid, name) in pids.OrderBy(p => p.Key))
        {
            Metadata(w, "process_name", pid, 0, name);
            foreach (var (agent, tid) in recorder.Agents.OrderBy(a => a.Value))
            {
                Metadata(w, "thread_name", pid, tid, agent);
            }
        }

        long last = -1;
        foreach (var e in recorder.Events)
        {
            Event(w, e);
            last = e.Timestamp;
        }

        if (recorder.Truncated)
        {
            Event(w, new TraceEvent(last + 1, TracePhase.Instant, "trace_truncated", "__metadata", recorder.Pid, 0,
                [TraceArg.Number("limit", recorder.Limit), TraceArg.Number("dropped", recorder.Offered - recorder.Events.Count)]));
        }

        w.WriteEndArray();
        w.WriteString("displayTimeUnit", "ns");
        w.WriteStartObject("otherData");
        w.WriteString("generator", "archpgtable");
        w.WriteString("clock", "logical: one event per microsecond");
        w.WriteBoolean("truncated", recorder.Truncated);
        w.WriteNumber("limit", recorder.Limit);
        w.WriteNumber("events", recorder.Events.Count);
        w.WriteNumber("offered", recorder.Offered);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void Metadata(Utf8JsonWriter w, string name, int pid, int tid, string value)
    {
        w.WriteStartObject();
        w.WriteString("name", name);
        w.WriteString("ph", "M");
        w.WriteNumber("pid", pid);
        w.WriteNumber("tid", tid);
        w.WriteStartObject("args");
        w.WriteString("name", value);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void Event(Utf8JsonWriter w, TraceEvent e)
    {
        w.WriteStartObject();
        w.WriteString("name", e.Name);
        w.WriteString("cat", e.Category);
        w.WriteString("ph", e.Phase switch
        {
            TracePhase.Begin => "B",
            TracePhase.End => "E",
            TracePhase.Metadata => "M",
            _ => "i",
        });
        w.WriteNumber("ts", e.Timestamp);
        w.WriteNumber("pid", e.Pid);
        w.WriteNumber("tid", e.Tid);
        if (e.Phase == TracePhase.Instant)
        {
            w.WriteString("s", "t");
        }

        if (e.Args.Count > 0)
        {
            w.WriteStartObject("args");
            foreach (var a in e.Args)
            {
                switch (a.Value)
                {
                    case long l:
                        w.WriteNumber(a.Name, l);
                        break;
                    case bool b:
                        w.WriteBoolean(a.Name, b);
                        break;
                    default:
                        w.WriteString(a.Name, a.ValueText);
                        break;
                }
            }

            w.WriteEndObject();
        }

        w.WriteEndObject();
    }
}
