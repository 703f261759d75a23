using System.Globalization;
using ArchPgtable.Mm.Experiments;

namespace ArchPgtable.Host.Cli;

/// <summary>
/// The lazyfree report as a plain table that fits 80 columns (<see cref="TextTable"/>): two rows per folio size,
/// old then new, the change on the new row.
/// </summary>
internal static class LazyfreeTextWriter
{
    private static readonly (string Header, bool Left)[] Columns =
    [
        ("folio", true), ("madv", true), ("sim ms", false), ("change", false), ("i5", false), ("PTE\nwrites", false),
        ("atomics", false), ("TLB\nflushes", false), ("folds", false), ("unfolds", false), ("splits", false),
    ];

    public static void Write(LazyfreeReport report, TextWriter output)
    {
        output.WriteLine($"MADV_FREE of {ByteSize.Format(report.RegionBytes)} of written anonymous memory");
        output.WriteLine($"on {report.Description}");
        if (report.Machine is { } machine)
        {
            output.WriteLine($"machine {machine.Name}: {machine.Description} ({string.Join(", ", machine.Agents.Select(a => a.Name))})");
        }

        output.WriteLine("madv: old splits every large folio, new batches (v6.10). sim ms: simulated time");
        output.WriteLine("(README, \"Cost model\"); change: new vs old; i5: the published change");
        var table = new TextTable(Columns);
        foreach (var r in report.Rows)
        {
            table.Add(Cells(ByteSize.Format(r.FolioBytes), "old", r.Old, "", ""));
            table.Add(Cells("", "new", r.New, Percent(r.Change), r.PublishedChange is { } p ? Percent(p) : "-"));
        }

        foreach (var f in report.NotModelled)
        {
            table.Add(ByteSize.Format(f), "PMD", "-", "-", report.Published(f) is { } p ? Percent(p) : "-");
        }

        table.Write(output);
        if (report.NotModelled.Count > 0)
        {
            output.WriteLine("PMD: a PMD-mapped folio size, not modelled (i5 still shows the published change)");
        }

        foreach (var r in report.Rows)
        {
            var ok = r.Old.LazyfreePages == r.New.LazyfreePages && r.Old.CleanOldPages == r.New.CleanOldPages;
            if (!ok)
            {
                output.WriteLine($"warning: {ByteSize.Format(r.FolioBytes)}: old and new leave different states (lazyfree {r.Old.LazyfreePages}/{r.New.LazyfreePages}, clean+old {r.Old.CleanOldPages}/{r.New.CleanOldPages} pages)");
            }
        }

        if (report.Machine is not null)
        {
            var livelocks = report.Livelocks.ToList();
            output.WriteLine(livelocks.Count == 0
                ? "every agent read and wrote the region after each MADV_FREE: no fault livelock"
                : $"{livelocks.Count} fault livelock(s) when every agent touched the region after MADV_FREE; the first:");
            if (livelocks.Count > 0)
            {
                output.WriteLine(livelocks[0].ToString());
            }
        }

        output.Flush();
    }

    private static string[] Cells(string folio, string algorithm, LazyfreeResult x, string change, string published) =>
    [
        folio, algorithm, string.Create(CultureInfo.InvariantCulture, $"{x.SimulatedMs:0.0}"), change, published,
        N(x.Cost.PteWrites), N(x.Cost.AtomicUpdates), N(x.Cost.TlbFlushes), N(x.Cost.Folds), N(x.Cost.Unfolds), N(x.Cost.FolioSplits),
    ];

    private static string N(long n) => n.ToString(CultureInfo.InvariantCulture);

    private static string Percent(double change) =>
        string.Create(CultureInfo.InvariantCulture, $"{change * 100:+0;-0;0}%");
}
