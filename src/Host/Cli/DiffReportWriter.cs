using System.Globalization;
using System.Text.Json;

namespace ArchPgtable.Host.Cli;

/// <summary>Writes a <see cref="DiffReport"/> as text, JSON (one object, the same field names as <c>verify</c>) or CSV (one record per helper).</summary>
internal static class DiffReportWriter
{
    public static void Text(DiffReport report, TextWriter output)
    {
        output.WriteLine($"seed: {report.Seed.Text}{(report.Seed.Drawn ? " (drawn at random; --seed " + report.Seed.Text + " replays this run)" : "")}");
        output.WriteLine($"{report.Arch}: model plugin vs {report.Against}");
        foreach (var r in report.Results)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {report.Status(r).ToUpperInvariant()} {r.Helper} ({r.Cases} cases)"));
            if (r.Skipped)
            {
                output.WriteLine($"    {r.SkipReason}");
                continue;
            }

            if (r.Passed)
            {
                continue;
            }

            if (report.Explained.TryGetValue(r.Helper, out var why))
            {
                output.WriteLine($"    known difference: {why}");
            }

            foreach (var line in r.Counterexample!.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                output.WriteLine("    " + line.TrimEnd('\r'));
            }

            output.WriteLine($"    replay: {report.Replay(r)} (with the same --config/--set)");
        }

        var differ = report.Results.Count(r => report.Status(r) == "diff");
        var known = report.Results.Count(r => report.Status(r) == "explained");
        var notCompared = report.Results.Count(r => r.Skipped);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{report.Arch}: {(differ == 0 ? "no unexplained difference" : $"{differ} helper(s) differ")} ({report.Results.Count - notCompared} helpers compared, {known} explained difference(s){(notCompared == 0 ? "" : $", {notCompared} not compared: the tree has no such helper")})"));
        output.Flush();
    }

    public static void Json(DiffReport report, TextWriter output)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("seed", report.Seed.Text);
            w.WriteString("arch", report.Arch);
            w.WriteString("against", report.Against);
            w.WriteBoolean("passed", report.Passed);
            w.WriteStartArray("helpers");
            foreach (var r in report.Results)
            {
                w.WriteStartObject();
                w.WriteString("helper", r.Helper);
                w.WriteString("status", report.Status(r));
                w.WriteNumber("cases", r.Cases);
                if (r.Skipped)
                {
                    w.WriteString("reason", r.SkipReason);
                }

                if (report.Explained.TryGetValue(r.Helper, out var why))
                {
                    w.WriteString("known_difference", why);
                }

                if (!r.Passed)
                {
                    w.WriteString("counterexample", r.Counterexample!.ToString());
                    w.WriteString("replay", report.Replay(r));
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
        output.Flush();
    }

    public static void Csv(DiffReport report, TextWriter output)
    {
        var csv = new CsvWriter(output);
        csv.Row("seed", "arch", "helper", "status", "cases", "known_difference", "replay");
        foreach (var r in report.Results)
        {
            csv.Row(report.Seed.Text, report.Arch, r.Helper, report.Status(r), r.Cases,
                report.Explained.GetValueOrDefault(r.Helper), r.Passed ? null : report.Replay(r));
        }

        output.Flush();
    }
}
