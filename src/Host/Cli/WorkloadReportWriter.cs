using System.Globalization;
using System.Text.Json;

namespace ArchPgtable.Host.Cli;

/// <summary>Writes a <see cref="WorkloadReport"/> as text, JSON or CSV.</summary>
internal static class WorkloadReportWriter
{
    public static void Text(WorkloadReport report, TextWriter output)
    {
        var r = report.Result;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"workload on {report.Arch}{(report.Machine is null ? "" : $" [machine {report.Machine}]")}: {r.Ops} operations, seed {report.Seed}, paths {WorkloadReport.Name(report.Paths)}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  host {report.HostMs / 1000:0.0} s ({report.OpsPerSecond:0} ops/s); {r.ReadsChecked} reads and {r.StoresChecked} stores checked; {r.Stats.Faults} faults, {r.Stats.CowCopies} COW copies, {r.Stats.SwappedOut} pages swapped out, {r.Stats.DirectReclaims} direct reclaims"));
        if (report.PmdThp)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  pmd-thp: {r.Stats.ThpFaults} PMD-mapped THP faults, {r.Stats.ThpFaultFallbacks} fallbacks to PTEs, {r.Stats.PmdSplits} PMD splits, {r.Stats.ThpDiscarded} discarded whole"));
        }

        output.WriteLine("  operations: " + string.Join(", ", r.OpCounts.OrderByDescending(kv => kv.Value).Select(kv => string.Create(CultureInfo.InvariantCulture, $"{kv.Key} {kv.Value}"))));
        output.WriteLine("  findings: " + string.Join(", ", report.Summary.Select(s => string.Create(CultureInfo.InvariantCulture, $"{WorkloadReport.Name(s.Kind)} {s.Count}"))));
        foreach (var f in r.Findings)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {WorkloadReport.Name(f.Kind)} after operation {f.Step} ({f.Operation}): {f.Text}"));
        }

        output.WriteLine(r.Findings.Count == 0 ? "no findings" : $"replay: {report.Replay} (with the same --config/--set)");
        output.Flush();
    }

    public static void Json(WorkloadReport report, TextWriter output)
    {
        var r = report.Result;
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("arch", report.Arch);
            w.WriteString("description", report.Description);
            if (report.Machine is not null)
            {
                w.WriteString("machine", report.Machine);
            }

            w.WriteNumber("seed", report.Seed);
            w.WriteString("paths", WorkloadReport.Name(report.Paths));
            w.WriteNumber("ops", r.Ops);
            w.WriteNumber("host_ms", Math.Round(report.HostMs, 1));
            w.WriteNumber("ops_per_second", Math.Round(report.OpsPerSecond));
            w.WriteNumber("reads_checked", r.ReadsChecked);
            w.WriteNumber("stores_checked", r.StoresChecked);
            w.WriteBoolean("pmd_thp", report.PmdThp);
            w.WriteStartObject("pmd");
            w.WriteNumber("thp_faults", r.Stats.ThpFaults);
            w.WriteNumber("thp_fault_fallbacks", r.Stats.ThpFaultFallbacks);
            w.WriteNumber("pmd_splits", r.Stats.PmdSplits);
            w.WriteNumber("thp_discarded", r.Stats.ThpDiscarded);
            w.WriteEndObject();
            w.WriteStartObject("operations");
            foreach (var (name, count) in r.OpCounts.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            {
                w.WriteNumber(name, count);
            }

            w.WriteEndObject();
            w.WriteStartObject("summary");
            foreach (var (kind, count) in report.Summary)
            {
                w.WriteNumber(WorkloadReport.Name(kind), count);
            }

            w.WriteEndObject();
            w.WriteStartArray("findings");
            foreach (var f in r.Findings)
            {
                w.WriteStartObject();
                w.WriteString("kind", WorkloadReport.Name(f.Kind));
                w.WriteNumber("step", f.Step);
                w.WriteString("operation", f.Operation);
                w.WriteString("text", f.Text);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteString("replay", report.Replay);
            w.WriteEndObject();
        }

        output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
        output.Flush();
    }

    public static void Csv(WorkloadReport report, TextWriter output)
    {
        var csv = new CsvWriter(output);
        csv.Row("arch", "machine", "seed", "paths", "ops", "host_ms", "kind", "step", "operation", "text", "replay");
        var r = report.Result;
        var host = Math.Round(report.HostMs, 1).ToString(CultureInfo.InvariantCulture);
        if (r.Findings.Count == 0)
        {
            csv.Row(report.Arch, report.Machine ?? "", report.Seed, WorkloadReport.Name(report.Paths), r.Ops, host, "", "", "", "", report.Replay);
        }

        foreach (var f in r.Findings)
        {
            csv.Row(report.Arch, report.Machine ?? "", report.Seed, WorkloadReport.Name(report.Paths), r.Ops, host, WorkloadReport.Name(f.Kind), f.Step, f.Operation, f.Text, report.Replay);
        }

        output.Flush();
    }
}
