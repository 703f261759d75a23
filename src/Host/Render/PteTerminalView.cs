using System.Globalization;
using System.Text;
using ArchPgtable.Mm.Rendering;
using Spectre.Console;

namespace ArchPgtable.Host.Render;

/// <summary>
/// The terminal view of a <see cref="PteRangePicture"/>: 16 entries a row, at most 80 columns. Per row,
/// the raw young/dirty/write letters a walker evaluates, the ptep_get() view, the PFN run and page, and the
/// contiguous blocks; colours on a terminal, plain ASCII otherwise.
/// </summary>
internal static class PteTerminalView
{
    public const int MaxWidth = 80;
    private const int Columns = 16;
    private static readonly string[] RunColours = ["deepskyblue1", "green3", "orange1", "mediumpurple2", "yellow3", "hotpink"];

    public static void Write(IAnsiConsole console, IReadOnlyList<PteRangePicture> pictures)
    {
        foreach (var p in pictures)
        {
            foreach (var line in Wrap(p.Title, MaxWidth))
            {
                console.MarkupLine("[bold]" + Markup.Escape(line) + "[/]");
            }

            var first = p.Cells[0].Index;
            var last = p.Cells[^1].Index;
            foreach (var line in Wrap(string.Create(CultureInfo.InvariantCulture, $"{p.Arch}; PTE table at va 0x{p.TableVa:x}; entries {first}..{last}"), MaxWidth))
            {
                console.MarkupLine(Markup.Escape(line));
            }

            for (var k = 0; k < p.Cells.Count; k += Columns)
            {
                var row = p.Cells.Skip(k).Take(Columns).ToList();
                console.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"pte[{row[0].Index}..{row[^1].Index}] va 0x{row[0].Va:x}")));
                console.MarkupLine(" raw  " + string.Concat(row.Select(Raw)));
                console.MarkupLine(" view " + string.Concat(row.Select(View)));
                console.MarkupLine(" pfn  " + string.Concat(row.Select(RunText)));
                if (row.Any(c => c.InBlock))
                {
                    console.MarkupLine(" blk  [blue]" + Markup.Escape(string.Concat(row.Select(c => BlockText(p, c)))).TrimEnd() + "[/]");
                }

                if (row.Any(c => p.Highlighted(c.Index)))
                {
                    console.MarkupLine(" call [darkorange]" + string.Concat(row.Select(c => p.Highlighted(c.Index) ? "^^^ " : "    ")).TrimEnd() + "[/]");
                }
            }

            console.WriteLine();
        }

        console.MarkupLine("YDW raw young/dirty/write (a walker's view); ydw the ptep_get() view; . clear");
        console.MarkupLine("[red]*[/]   a walker on this entry sees other bits than ptep_get()");
        console.MarkupLine("aNN PFN run a, its page NN (hex)   --- none   swp swap entry");
        console.MarkupLine("[blue]" + Markup.Escape("[--]") + "[/] contiguous block (PTE_CONT / NAPOT)   [darkorange]^^^[/] the call's range");
    }

    private static string Raw(PteCell c)
    {
        if (!c.Present)
        {
            return c.Swap ? "swp " : "--- ";
        }

        var text = string.Concat(c.Young ? "Y" : ".", c.Dirty ? "D" : ".", c.Write ? "W" : ".");
        return $"[{RunColours[c.Run % RunColours.Length]}]{text}[/] ";
    }

    private static string View(PteCell c) => !c.Present
        ? "    "
        : string.Concat(c.ViewYoung ? "y" : ".", c.ViewDirty ? "d" : ".", c.ViewWrite ? "w" : ".") + (c.WalkerDiffers ? "[red]*[/]" : " ");

    private static string RunText(PteCell c) => !c.Present
        ? "    "
        : string.Create(CultureInfo.InvariantCulture, $"[{RunColours[c.Run % RunColours.Length]}]{(char)('a' + (c.Run % 26))}{c.RunOffset % 256:x2}[/] ");

    private static string BlockText(PteRangePicture p, PteCell c)
    {
        if (!c.InBlock)
        {
            return "    ";
        }

        var start = c.Index == c.BlockStart || c.Index == p.Cells[0].Index;
        var end = c.Index == c.BlockStart + c.BlockEntries - 1 || c.Index == p.Cells[^1].Index;
        return (start, end) switch
        {
            (true, true) => "[-] ",
            (true, false) => "[---",
            (false, true) => "--] ",
            _ => "----",
        };
    }

    private static IEnumerable<string> Wrap(string text, int width)
    {
        var line = new StringBuilder();
        foreach (var word in text.Split(' '))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > width)
            {
                yield return line.ToString();
                line.Clear();
                line.Append("  ");
            }

            if (line.Length > 0 && line.ToString() != "  ")
            {
                line.Append(' ');
            }

            line.Append(word);
        }

        if (line.Length > 0)
        {
            yield return line.ToString();
        }
    }
}
