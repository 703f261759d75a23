using System.Text.Json;
using System.Text.Json.Nodes;
using ArchPgtable.Mm.Experiments;

namespace ArchPgtable.Host.Cli;

/// <summary>The lazyfree report as JSON: <c>{"arch", "description", "size_bytes", "rows":[{"folio_bytes", "old":{"sim_ms", "host_ms", counts…}, "new":{…}, "change", "published_change"}], "not_modelled":[…]}</c>; <c>sim_ms</c> is simulated time under the cost model, <c>host_ms</c> the real time the simulation took.</summary>
internal static class LazyfreeJsonWriter
{
    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true };

    public static void Write(LazyfreeReport report, TextWriter output)
    {
        var rows = new JsonArray();
        foreach (var r in report.Rows)
        {
            rows.Add(new JsonObject
            {
                ["folio_bytes"] = r.FolioBytes,
                ["old"] = Result(r.Old),
                ["new"] = Result(r.New),
                ["change"] = r.Change,
                ["published_change"] = r.PublishedChange,
            });
        }

        var root = new JsonObject
        {
            ["arch"] = report.Arch,
            ["description"] = report.Description,
            ["size_bytes"] = report.RegionBytes,
            ["rows"] = rows,
            ["not_modelled"] = new JsonArray(report.NotModelled.Select(f => (JsonNode)JsonValue.Create(f)).ToArray()),
        };
        if (report.Machine is { } machine)
        {
            root["machine"] = machine.Name;
            root["livelocks"] = new JsonArray(report.Livelocks.Select(l => (JsonNode)JsonValue.Create(l.ToString())!).ToArray());
        }

        output.WriteLine(root.ToJsonString(Options));
    }

    private static JsonObject Result(LazyfreeResult x) => new()
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
        ["lazyfree_folios"] = x.Stats.LazyfreeFolios,
        ["lazyfree_pages"] = x.LazyfreePages,
        ["clean_old_pages"] = x.CleanOldPages,
    };
}
