using System.Text.Json;
using System.Text.Json.Nodes;
using ArchPgtable.Mm.Experiments;

namespace ArchPgtable.Host.Cli;

/// <summary>
/// An experiment report as JSON: <c>{"experiment", "arch", "description", "size_bytes", "page_size", "published":{…},
/// "cost_model":{"fitted", "predicted"}, "rows":[{"folio_bytes", "folio_order", "old":{"sim_ms", "host_ms", counts…,
/// metrics…}, "new":{…}, "change", "published_change", "published_old_ms", "published_new_ms"}], "not_modelled":[…],
/// "host_timing":{"method", "warmup_rounds", "warmup_bytes"}}</c>
/// (a superset of what <c>lazyfree --json</c> always printed). <c>experiment all</c> prints <c>{"experiments":[…]}</c>.
/// </summary>
internal static class ExperimentJsonWriter
{
    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true };

    public static void Write(ExperimentReport report, TextWriter output) => output.WriteLine(Report(report).ToJsonString(Options));

    public static void WriteAll(IEnumerable<ExperimentReport> reports, TextWriter output) =>
        output.WriteLine(new JsonObject { ["experiments"] = new JsonArray([.. reports.Select(r => (JsonNode)Report(r))]) }.ToJsonString(Options));

    private static JsonObject Report(ExperimentReport report)
    {
        var e = report.Experiment;
        var rows = new JsonArray();
        foreach (var r in report.Rows)
        {
            rows.Add(new JsonObject
            {
                ["folio_bytes"] = r.FolioBytes,
                ["folio_order"] = System.Numerics.BitOperations.Log2(r.FolioBytes / report.PageSize),
                ["old"] = Result(r.Old),
                ["new"] = Result(r.New),
                ["change"] = r.Change,
                ["published_change"] = r.Published?.EffectiveChange,
                ["published_old_ms"] = report.PublishedMs(r.Published, ExperimentPath.Old),
                ["published_new_ms"] = report.PublishedMs(r.Published, ExperimentPath.New),
            });
        }

        var root = new JsonObject
        {
            ["experiment"] = e.Name,
            ["title"] = e.Title,
            ["arch"] = report.Arch,
            ["description"] = report.Description,
            ["size_bytes"] = report.RegionBytes,
            ["page_size"] = report.PageSize,
            ["old"] = e.OldLabel,
            ["new"] = e.NewLabel,
            ["published"] = new JsonObject
            {
                ["source"] = e.Published.Source,
                ["machine"] = e.Published.Machine,
                ["unit"] = e.Published.Unit,
                ["headlines"] = new JsonArray([.. e.Published.Headlines.Select(h => (JsonNode)JsonValue.Create(h))]),
            },
            ["cost_model"] = new JsonObject { ["fitted"] = e.CostModel.Fitted, ["predicted"] = e.CostModel.Predicted },
            ["setup"] = new JsonArray([.. report.SetupNotes.Select(n => (JsonNode)JsonValue.Create(n))]),
            ["rows"] = rows,
            ["not_modelled"] = new JsonArray([.. report.NotModelled.Select(f => (JsonNode)JsonValue.Create(f))]),
        };
        root["host_timing"] = new JsonObject
        {
            ["method"] = "the median of `samples` measured runs per side on tier-1 code: warm-up rounds of every folio size (old and new) on a throwaway region until the JIT is idle, then each sample on fresh machines after a full GC, background GC off",
            ["samples"] = report.HostSamples,
            ["warmup_rounds"] = report.HostWarmupRounds,
            ["warmup_bytes"] = report.HostWarmupBytes,
        };
        if (report.Machine is { } machine)
        {
            root["machine"] = machine.Name;
        }

        if (report.Machine is not null || report.Livelocks.Any())
        {
            root["livelocks"] = new JsonArray([.. report.Livelocks.Select(l => (JsonNode)JsonValue.Create(l.ToString()))]);
        }

        return root;
    }

    private static JsonObject Result(ExperimentResult x)
    {
        var o = new JsonObject
        {
            ["sim_ms"] = x.SimulatedMs,
            ["host_ms"] = x.HostMs,
            ["pte_reads"] = x.Cost.PteReads,
            ["pte_writes"] = x.Cost.PteWrites,
            ["atomic_updates"] = x.Cost.AtomicUpdates,
            ["tlb_flushes"] = x.Cost.TlbFlushes,
            ["tlb_flushed_pages"] = x.Cost.TlbFlushedPages,
            ["folds"] = x.Cost.Folds,
            ["unfolds"] = x.Cost.Unfolds,
            ["splits"] = x.Cost.FolioSplits,
            ["folio_lookups"] = x.Events.FolioLookups,
            ["faults"] = x.Events.Faults,
        };
        foreach (var m in x.Metrics)
        {
            o[m.Name] = m.Value == Math.Floor(m.Value) && Math.Abs(m.Value) < 1e15 ? JsonValue.Create((long)m.Value) : JsonValue.Create(m.Value);
        }

        return o;
    }
}
