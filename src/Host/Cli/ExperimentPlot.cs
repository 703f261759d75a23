using ArchPgtable.Mm.Experiments;
using ScottPlot;

namespace ArchPgtable.Host.Cli;

/// <summary>
/// <c>--plot FILE.svg|.png</c>: old and new simulated time per folio size (log scale when they span more than a
/// factor of 20), with the published points as open markers (scaled from 1 GiB to the region; for a table that
/// publishes only a change, the change applied to the model's old time). Drawn with ScottPlot, headless.
/// </summary>
internal static class ExperimentPlot
{
    public const int Width = 800;

    public const int Height = 560;

    /// <summary>Why <paramref name="path"/> cannot be written as a plot, or null.</summary>
    public static string? Check(string path)
    {
        var ext = Path.GetExtension(path).ToLowerInvariant();
        if (ext is not (".svg" or ".png"))
        {
            return $"--plot '{path}' must end in .svg or .png.";
        }

        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        return dir is not null && !Directory.Exists(dir) ? $"--plot '{path}': the folder '{dir}' does not exist." : null;
    }

    /// <summary>Draws <paramref name="report"/> into <paramref name="path"/> (SVG or PNG by extension).</summary>
    public static void Write(ExperimentReport report, string path)
    {
        var rows = report.Rows;
        var xs = Enumerable.Range(0, rows.Count).Select(i => (double)i).ToArray();
        var old = rows.Select(r => r.Old.SimulatedMs).ToArray();
        var @new = rows.Select(r => r.New.SimulatedMs).ToArray();
        var pubOld = rows.Select(r => report.PublishedMs(r.Published, ExperimentPath.Old)).ToArray();
        var pubNew = rows.Select(r => report.PublishedMs(r.Published, ExperimentPath.New)
            ?? (r.Published?.EffectiveChange is { } c && r.Published.Old is null ? r.Old.SimulatedMs * (1 + c) : null)).ToArray();
        var all = old.Concat(@new).Concat(pubOld.Concat(pubNew).OfType<double>()).Where(v => v > 0).ToList();
        var log = all.Count > 0 && all.Max() / all.Min() > 20;
        Func<double, double> y = log ? v => Math.Log10(Math.Max(v, 1e-6)) : v => v;

        using var plot = new Plot();
        var e = report.Experiment;
        plot.Title($"{e.Name}: old and new per folio size, {e.Published.Machine} published");
        plot.XLabel($"folio size ({report.Arch}, {ByteSize.Format(report.PageSize)} pages, {ByteSize.Format(report.RegionBytes)} region)");
        plot.YLabel(log ? "simulated ms (log scale)" : "simulated ms");
        var o = plot.Add.Scatter(xs, old.Select(y).ToArray());
        o.LegendText = "old (model)";
        o.Color = Colors.FireBrick;
        o.LineWidth = 2;
        var n = plot.Add.Scatter(xs, @new.Select(y).ToArray());
        n.LegendText = "new (model)";
        n.Color = Colors.SteelBlue;
        n.LineWidth = 2;
        AddPublished(plot, xs, pubOld, y, Colors.FireBrick, $"old ({e.Published.Machine}, published)");
        AddPublished(plot, xs, pubNew, y, Colors.SteelBlue, $"new ({e.Published.Machine}, published)");
        plot.Axes.Bottom.SetTicks(xs, [.. rows.Select(r => ByteSize.Format(r.FolioBytes))]);
        if (log)
        {
            plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
            {
                MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
                IntegerTicksOnly = true,
                LabelFormatter = v => Math.Pow(10, v).ToString("G4", System.Globalization.CultureInfo.InvariantCulture),
            };
        }

        plot.ShowLegend(Edge.Bottom);
        if (Path.GetExtension(path).Equals(".svg", StringComparison.OrdinalIgnoreCase))
        {
            plot.SaveSvg(path, Width, Height);
        }
        else
        {
            plot.SavePng(path, Width, Height);
        }
    }

    private static void AddPublished(Plot plot, double[] xs, double?[] values, Func<double, double> y, Color color, string label)
    {
        var at = Enumerable.Range(0, xs.Length).Where(i => values[i] is > 0).ToArray();
        if (at.Length == 0)
        {
            return;
        }

        var m = plot.Add.Markers(at.Select(i => xs[i]).ToArray(), at.Select(i => y(values[i]!.Value)).ToArray(), MarkerShape.OpenCircle, 11, color);
        m.LegendText = label;
    }
}
