using System.Globalization;

namespace ArchPgtable.Mm.Tracing;

/// <summary>
/// Writes a recording as ftrace-style text: a <c># tracer:</c> header with the entry counts, then one
/// line per event, <c>archpgtable-PID [CPU] SECONDS: name: arg=value …</c>, where PID is the machine,
/// CPU the agent and SECONDS the logical time. A span's end is a line named <c>name_return</c> with
/// its <c>ret</c>. A truncated recording says so in the header and on its last line.
/// </summary>
/// <remarks>Kernel: the format of /sys/kernel/tracing/trace.</remarks>
public static class FtraceTextWriter
{
    /// <summary>Writes <paramref name="recorder"/>'s events to <paramref name="output"/>.</summary>
    public static void Write(TraceRecorder recorder, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(recorder);
        ArgumentNullException.ThrowIfNull(output);
        var inv = CultureInfo.InvariantCulture;
        output.WriteLine("# tracer: archpgtable");
        output.WriteLine("#");
        output.WriteLine(string.Create(inv, $"# entries-in-buffer/entries-written: {recorder.Events.Count}/{recorder.Offered}   #P:{recorder.Agents.Count}"));
        if (recorder.Truncated)
        {
            output.WriteLine(string.Create(inv, $"# truncated: --trace-limit {recorder.Limit} reached, {recorder.Offered - recorder.Events.Count} events dropped"));
        }

        foreach (var (pid, name) in recorder.Processes.OrderBy(p => p.Key))
        {
            output.WriteLine(string.Create(inv, $"# archpgtable-{pid}: {name}"));
        }

        foreach (var (agent, tid) in recorder.Agents.OrderBy(a => a.Value))
        {
            output.WriteLine(string.Create(inv, $"# [{tid:000}]: {agent}"));
        }

        output.WriteLine("#");
        output.WriteLine("#           TASK-PID     CPU#     TIMESTAMP  FUNCTION");
        output.WriteLine("#              | |         |         |         |");
        long last = 0;
        foreach (var e in recorder.Events)
        {
            var name = e.Phase == TracePhase.End ? e.Name + "_return" : e.Name;
            output.Write(string.Create(inv, $"{"archpgtable",16}-{e.Pid,-7} [{e.Tid:000}] {e.Timestamp / 1e6,12:F6}: {name}:"));
            foreach (var a in e.Args)
            {
                output.Write(' ');
                output.Write(a.Name);
                output.Write('=');
                output.Write(a.ValueText);
            }

            output.WriteLine();
            last = e.Timestamp;
        }

        if (recorder.Truncated)
        {
            output.WriteLine(string.Create(inv,
                $"{"archpgtable",16}-{recorder.Pid,-7} [000] {(last + 1) / 1e6,12:F6}: trace_truncated: limit={recorder.Limit} dropped={recorder.Offered - recorder.Events.Count}"));
        }

        output.Flush();
    }
}
