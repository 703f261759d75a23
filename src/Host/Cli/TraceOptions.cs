using System.CommandLine;
using ArchPgtable.Mm.Tracing;

namespace ArchPgtable.Host.Cli;

/// <summary>The global trace options: <c>--trace FILE</c>, <c>--trace-format json|text</c>, <c>--trace-limit N</c>.</summary>
internal sealed class TraceOptions
{
    public Option<string?> File { get; } = new("--trace")
    {
        Description = "Record kernel-named events (helper calls with args and return, raw PTE accesses, TLB flushes, folds, faults) into FILE: "
            + "Chrome trace-event JSON (Perfetto, chrome://tracing) or, with --trace-format text, ftrace-style lines.",
        HelpName = "FILE",
        Recursive = true,
    };

    public Option<string> Format { get; } = new("--trace-format")
    {
        Description = "Trace file format: json (Chrome trace events) or text (ftrace lines).",
        HelpName = "json|text",
        DefaultValueFactory = _ => "json",
        Recursive = true,
    };

    public Option<int> Limit { get; } = new("--trace-limit")
    {
        Description = "Stop recording after N events; the file says it was truncated.",
        HelpName = "N",
        DefaultValueFactory = _ => TraceRecorder.DefaultLimit,
        Recursive = true,
    };

    public TraceOptions()
    {
        Format.AcceptOnlyFromAmong("json", "text");
        Limit.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() < 1)
            {
                r.AddError("--trace-limit must be at least 1.");
            }
        });
    }

    public IEnumerable<Option> All => [File, Format, Limit];
}
