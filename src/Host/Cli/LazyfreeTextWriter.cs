using System.Globalization;
using ArchPgtable.Mm.Experiments;
using Spectre.Console;

namespace ArchPgtable.Host.Cli;

/// <summary>The lazyfree report as a table: two rows per folio size, old then new, the change on the new row.</summary>
internal static class LazyfreeTextWriter
{
    public static void Write(LazyfreeReport report, IAnsiConsole console)
    {
        console.WriteLine($"MADV_FREE of {ByteSize.Format(report.RegionBytes)} of written anonymous memory on {report.Description}");
        if (report.Machine is { } machine)
        {
            console.WriteLine($"machine {machine.Name}: {machine.Description} ({string.Join(", ", machine.Agents.Select(a => a.Name))})");
        }

        console.WriteLine("sim ms: simulated time under the cost model (README, \"Cost model\"); change: new vs old; i5: the published change");
        var table = new Table().Border(console.Profile.Capabilities.Unicode ? TableBorder.Square : TableBorder.Ascii)
            .AddColumns("folio", "madvise", "sim ms", "change", "i5", "PTE writes", "atomics", "TLB flushes", "folds", "unfolds", "splits");
        foreach (var r in report.Rows)
        {
            table.AddRow(Cells(ByteSize.Format(r.FolioBytes), "old", r.Old, "", ""));
            table.AddRow(Cells("", "new", r.New, Percent(r.Change), r.PublishedChange is { } p ? Percent(p) : "-"));
        }

        foreach (var f in report.NotModelled)
        {
            table.AddRow(ByteSize.Format(f), "-", "PMD-mapped: not modelled", "", PublishedLazyfree.Change(f) is { } p ? Percent(p) : "-", "", "", "", "", "", "");
        }

        console.Write(table);
        foreach (var r in report.Rows)
        {
            var ok = r.Old.LazyfreePages == r.New.LazyfreePages && r.Old.CleanOldPages == r.New.CleanOldPages;
            if (!ok)
            {
                console.WriteLine($"warning: {ByteSize.Format(r.FolioBytes)}: old and new leave different states (lazyfree {r.Old.LazyfreePages}/{r.New.LazyfreePages}, clean+old {r.Old.CleanOldPages}/{r.New.CleanOldPages} pages)");
            }
        }

        if (report.Machine is not null)
        {
            var livelocks = report.Livelocks.ToList();
            console.WriteLine(livelocks.Count == 0
                ? "every agent read and wrote the region after each MADV_FREE: no fault livelock"
                : $"{livelocks.Count} fault livelock(s) when every agent touched the region after MADV_FREE; the first:");
            if (livelocks.Count > 0)
            {
                console.WriteLine(livelocks[0].ToString());
            }
        }
    }

    private static string[] Cells(string folio, string algorithm, LazyfreeResult x, string change, string published) =>
    [
        folio, algorithm, string.Create(CultureInfo.InvariantCulture, $"{x.SimulatedMs:0.##}"), change, published,
        N(x.Cost.PteWrites), N(x.Cost.AtomicUpdates), N(x.Cost.TlbFlushes), N(x.Cost.Folds), N(x.Cost.Unfolds), N(x.Cost.FolioSplits),
    ];

    private static string N(long n) => n.ToString(CultureInfo.InvariantCulture);

    private static string Percent(double change) =>
        string.Create(CultureInfo.InvariantCulture, $"{change * 100:+0;-0;0}%");
}
