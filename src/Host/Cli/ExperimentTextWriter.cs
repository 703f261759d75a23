using System.Globalization;
using ArchPgtable.Mm.Experiments;

namespace ArchPgtable.Host.Cli;

/// <summary>
/// An experiment report as plain tables that fit 80 columns (<see cref="TextTable"/>): the times beside the
/// published ones, then the exact event counts, then the experiment's own values; two rows per folio size, old then new.
/// </summary>
internal static class ExperimentTextWriter
{
    public static void Write(ExperimentReport report, TextWriter output)
    {
        var e = report.Experiment;
        var published = e.Published;
        Wrap(output, $"{e.Title}: {ByteSize.Format(report.RegionBytes)} per folio size");
        output.WriteLine($"on {report.Description}");
        if (report.Machine is { } machine)
        {
            Wrap(output, $"machine {machine.Name}: {machine.Description} ({string.Join(", ", machine.Agents.Select(a => a.Name))})");
        }

        foreach (var note in report.SetupNotes)
        {
            Wrap(output, note);
        }

        Wrap(output, e.OldLabel);
        Wrap(output, e.NewLabel);
        Wrap(output, $"{published.Machine}: {published.Source}; matched by folio order");
        foreach (var headline in published.Headlines)
        {
            Wrap(output, $"{published.Machine} also: {headline}");
        }

        Wrap(output, $"sim ms: simulated time. Fitted: {e.CostModel.Fitted}. Predicted: {e.CostModel.Predicted}.");
        var unit = published.Unit == "s" ? $"{published.Machine}\nms" : published.Machine;
        var times = new TextTable([("folio", true), ("path", true), ("sim ms", false), ("change", false), (unit, false), ($"{published.Machine}\nchange", false)]);
        foreach (var r in report.Rows)
        {
            times.Add(ByteSize.Format(r.FolioBytes), "old", Ms(r.Old.SimulatedMs), "", Ms(report.PublishedMs(r.Published, ExperimentPath.Old)), "");
            times.Add("", "new", Ms(r.New.SimulatedMs), Percent(r.Change), Ms(report.PublishedMs(r.Published, ExperimentPath.New)),
                r.Published?.EffectiveChange is { } p ? Percent(p) : "-");
        }

        foreach (var f in report.NotModelled)
        {
            var p = report.Published(f);
            times.Add(ByteSize.Format(f), "PMD", "-", "-", "-", p?.EffectiveChange is { } c ? Percent(c) : "-");
        }

        times.Write(output);
        if (report.NotModelled.Count > 0)
        {
            output.WriteLine("PMD: a PMD-mapped folio size, not modelled (the published change still shows)");
        }

        if (published.Unit == "s" && (report.RegionBytes != published.RegionBytes || published.Repeats != 1) && published.Points.Any(p => p.Old is not null))
        {
            var repeats = published.Repeats == 1 ? "" : $" x{published.Repeats}";
            output.WriteLine($"published ms are scaled from the published {ByteSize.Format(published.RegionBytes)}{repeats} to one run on this region");
        }

        output.WriteLine();
        output.WriteLine("exact event counts of the measured part:");
        var pte = new TextTable([("folio", true), ("path", true), ("PTE\nreads", false), ("PTE\nwrites", false), ("atomics", false), ("TLB\nflushes", false), ("flushed\npages", false)]);
        var mm = new TextTable([("folio", true), ("path", true), ("folds", false), ("unfolds", false), ("splits", false), ("folio\nlookups", false), ("faults", false)]);
        foreach (var r in report.Rows)
        {
            foreach (var (label, path, x) in new[] { (ByteSize.Format(r.FolioBytes), "old", r.Old), ("", "new", r.New) })
            {
                pte.Add(label, path, N(x.Cost.PteReads), N(x.Cost.PteWrites), N(x.Cost.AtomicUpdates), N(x.Cost.TlbFlushes), N(x.Cost.TlbFlushedPages));
                mm.Add(label, path, N(x.Cost.Folds), N(x.Cost.Unfolds), N(x.Cost.FolioSplits), N(x.Events.FolioLookups), N(x.Events.Faults));
            }
        }

        pte.Write(output);
        output.WriteLine();
        mm.Write(output);
        var names = report.Rows.SelectMany(r => r.Old.Metrics).Select(m => m.Name).Distinct().ToList();
        if (names.Count > 0)
        {
            output.WriteLine();
            var metrics = new TextTable([("folio", true), ("path", true), .. names.Select(n => (n.Replace('_', '\n'), false))]);
            foreach (var r in report.Rows)
            {
                metrics.Add([ByteSize.Format(r.FolioBytes), "old", .. names.Select(n => Value(r.Old.Metric(n)))]);
                metrics.Add(["", "new", .. names.Select(n => Value(r.New.Metric(n)))]);
            }

            metrics.Write(output);
        }

        Warnings(report, output);
        output.Flush();
    }

    private static void Warnings(ExperimentReport report, TextWriter output)
    {
        if (report.Machine is not null || report.Livelocks.Any())
        {
            var livelocks = report.Livelocks.ToList();
            output.WriteLine(livelocks.Count == 0
                ? "no fault livelock"
                : $"{livelocks.Count} fault livelock(s); the first:");
            if (livelocks.Count > 0)
            {
                output.WriteLine(livelocks[0].ToString());
            }
        }
    }

    /// <summary>Writes <paramref name="text"/> in lines of at most 80 columns, breaking at spaces.</summary>
    private static void Wrap(TextWriter output, string text)
    {
        var line = "";
        foreach (var word in text.Split(' '))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > 80)
            {
                output.WriteLine(line);
                line = "  " + word;
            }
            else
            {
                line = line.Length == 0 ? word : line + " " + word;
            }
        }

        output.WriteLine(line);
    }

    private static string Ms(double? ms) => ms is not { } v ? "-"
        : v is > 0 and < 1 ? string.Create(CultureInfo.InvariantCulture, $"{v:0.000}")
        : string.Create(CultureInfo.InvariantCulture, $"{v:0.0}");

    private static string N(long n) => n.ToString(CultureInfo.InvariantCulture);

    private static string Value(double? v) => v is not { } x ? "-"
        : x == Math.Floor(x) && Math.Abs(x) < 1e15 ? ((long)x).ToString(CultureInfo.InvariantCulture)
        : string.Create(CultureInfo.InvariantCulture, $"{x:0.0}");

    private static string Percent(double change) =>
        string.Create(CultureInfo.InvariantCulture, $"{change * 100:+0;-0;0}%");
}
