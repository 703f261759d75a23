using System.Globalization;
using System.Xml;

namespace ArchPgtable.Mm.Rendering;

/// <summary>
/// Draws one or more <see cref="PteRangePicture"/>s (e.g. before and after a call) as a standalone SVG:
/// 16 entries a row, one cell per entry (<c>rect class="cell"</c>) coloured by PFN run with its index,
/// PFN, raw young/dirty/write and the ptep_get() view; contiguous blocks outlined (<c>rect class="block"</c>,
/// one per block and row); the call's range underlined; a dot where a walker sees other bits than
/// ptep_get(); a legend (<c>g id="legend"</c>).
/// </summary>
/// <remarks>Kernel: none.</remarks>
public static class PteTableSvg
{
    /// <summary>Entries per row.</summary>
    public const int Columns = 16;

    private const int CellW = 58;
    private const int CellH = 62;
    private const int LabelW = 128;
    private const int Margin = 16;
    private const int TitleLineH = 17;
    private const int TitleChars = 120;
    private const int MaxTitleLines = 4;
    private const int RowGap = 10;
    private const int LegendH = 118;
    private static readonly string[] RunColours = ["#cfe8ff", "#d5f2cc", "#ffe3c2", "#ead7ff", "#fff1a8", "#ffd3dc"];

    /// <summary>Writes the pictures, one panel each, top to bottom.</summary>
    public static void Write(IReadOnlyList<PteRangePicture> pictures, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(pictures);
        ArgumentNullException.ThrowIfNull(output);
        var width = (Margin * 2) + LabelW + (Columns * CellW);
        var height = Margin + pictures.Sum(PanelHeight) + LegendH;
        using var w = XmlWriter.Create(output, new XmlWriterSettings { Indent = true, OmitXmlDeclaration = false, CloseOutput = false });
        w.WriteStartElement("svg", "http://www.w3.org/2000/svg");
        Attr(w, "width", width);
        Attr(w, "height", height);
        w.WriteAttributeString("viewBox", I($"0 0 {width} {height}"));
        w.WriteAttributeString("font-family", "monospace");
        w.WriteAttributeString("font-size", "10");
        w.WriteStartElement("rect");
        w.WriteAttributeString("width", "100%");
        w.WriteAttributeString("height", "100%");
        w.WriteAttributeString("fill", "white");
        w.WriteEndElement();
        var y = Margin;
        foreach (var p in pictures)
        {
            Panel(w, p, y);
            y += PanelHeight(p);
        }

        Legend(w, y);
        w.WriteEndElement();
        w.Flush();
    }

    private static int Rows(PteRangePicture p) => (p.Cells.Count + Columns - 1) / Columns;

    private static int TitleH(PteRangePicture p) => (TitleLines(p.Title).Count * TitleLineH) + 24;

    private static int PanelHeight(PteRangePicture p) => TitleH(p) + (Rows(p) * (CellH + RowGap)) + 10;

    /// <summary>The title in lines of at most <see cref="TitleChars"/> characters (monospace 14 px fits the width), at most
    /// <see cref="MaxTitleLines"/>; the last one ends in an ellipsis when text was left out.</summary>
    private static List<string> TitleLines(string title)
    {
        var lines = new List<string>();
        var line = "";
        foreach (var word in title.Split(' '))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > TitleChars)
            {
                lines.Add(line);
                line = "";
            }

            line = line.Length == 0 ? word : line + " " + word;
            while (line.Length > TitleChars)
            {
                lines.Add(line[..TitleChars]);
                line = line[TitleChars..];
            }
        }

        if (line.Length > 0)
        {
            lines.Add(line);
        }

        if (lines.Count > MaxTitleLines)
        {
            lines.RemoveRange(MaxTitleLines, lines.Count - MaxTitleLines);
            var last = lines[^1];
            lines[^1] = (last.Length > TitleChars - 1 ? last[..(TitleChars - 1)] : last) + "…";
        }

        return lines;
    }

    private static void Panel(XmlWriter w, PteRangePicture p, int top)
    {
        w.WriteStartElement("g");
        w.WriteAttributeString("class", "panel");
        // The whole title is the panel's tooltip; the visible text wraps.
        w.WriteElementString("title", p.Title);
        w.WriteStartElement("text");
        w.WriteAttributeString("class", "title");
        Attr(w, "x", Margin);
        Attr(w, "y", top + 16);
        w.WriteAttributeString("font-size", "14");
        w.WriteAttributeString("font-weight", "bold");
        var lines = TitleLines(p.Title);
        for (var i = 0; i < lines.Count; i++)
        {
            w.WriteStartElement("tspan");
            Attr(w, "x", Margin);
            if (i > 0)
            {
                Attr(w, "dy", TitleLineH);
            }

            w.WriteString(lines[i]);
            w.WriteEndElement();
        }

        w.WriteEndElement();
        Text(w, Margin, top + (lines.Count * TitleLineH) + 15, I($"{p.Arch}; PTE table at va 0x{p.TableVa:x}"), "subtitle", size: 11);
        var y0 = top + TitleH(p);
        for (var k = 0; k < p.Cells.Count; k++)
        {
            var c = p.Cells[k];
            var row = k / Columns;
            var x = Margin + LabelW + ((k % Columns) * CellW);
            var y = y0 + (row * (CellH + RowGap));
            if (k % Columns == 0)
            {
                Text(w, Margin, y + 22, I($"pte[{c.Index}]"), "row", size: 11);
                Text(w, Margin, y + 38, I($"0x{c.Va:x}"), "row", size: 10);
            }

            Cell(w, p, c, x, y);
        }

        foreach (var (start, count) in p.Blocks)
        {
            // One outline per row the block occupies.
            var k0 = start - p.Cells[0].Index;
            var k = k0;
            while (k < k0 + count)
            {
                var rowEnd = Math.Min(k0 + count, ((k / Columns) + 1) * Columns);
                var x = Margin + LabelW + ((k % Columns) * CellW);
                var y = y0 + ((k / Columns) * (CellH + RowGap));
                w.WriteStartElement("rect");
                w.WriteAttributeString("class", "block");
                Attr(w, "x", x + 1);
                Attr(w, "y", y + 1);
                Attr(w, "width", ((rowEnd - k) * CellW) - 2);
                Attr(w, "height", CellH - 2);
                w.WriteAttributeString("fill", "none");
                w.WriteAttributeString("stroke", "#1f4e9c");
                w.WriteAttributeString("stroke-width", "3");
                w.WriteAttributeString("rx", "4");
                w.WriteEndElement();
                k = rowEnd;
            }
        }

        w.WriteEndElement();
    }

    private static void Cell(XmlWriter w, PteRangePicture p, PteCell c, int x, int y)
    {
        w.WriteStartElement("g");
        w.WriteAttributeString("class", "pte");
        Attr(w, "data-index", c.Index);
        w.WriteElementString("title", I($"pte[{c.Index}] va 0x{c.Va:x}: {c.Description}"));
        w.WriteStartElement("rect");
        w.WriteAttributeString("class", "cell");
        Attr(w, "x", x + 3);
        Attr(w, "y", y + 3);
        Attr(w, "width", CellW - 6);
        Attr(w, "height", CellH - 6);
        w.WriteAttributeString("fill", c.Present ? RunColours[c.Run % RunColours.Length] : c.Swap ? "#d9d9d9" : "#f7f7f7");
        w.WriteAttributeString("stroke", "#999999");
        w.WriteAttributeString("stroke-width", "0.5");
        w.WriteEndElement();
        Text(w, x + 7, y + 15, I($"{c.Index}"), "index", size: 9);
        if (c.Present)
        {
            Text(w, x + 7, y + 27, I($"{c.Pfn:x}"), "pfn", size: 9);
            Flags(w, x + 7, y + 41, "raw", c.Young, c.Dirty, c.Write, upper: true);
            Flags(w, x + 7, y + 53, "view", c.ViewYoung, c.ViewDirty, c.ViewWrite, upper: false);
        }
        else
        {
            Text(w, x + 7, y + 35, c.Swap ? "swap" : "none", "none", size: 9);
        }

        if (c.WalkerDiffers)
        {
            w.WriteStartElement("circle");
            w.WriteAttributeString("class", "differs");
            Attr(w, "cx", x + CellW - 10);
            Attr(w, "cy", y + 11);
            w.WriteAttributeString("r", "3.5");
            w.WriteAttributeString("fill", "#d62728");
            w.WriteEndElement();
        }

        if (p.Highlighted(c.Index))
        {
            w.WriteStartElement("rect");
            w.WriteAttributeString("class", "call");
            Attr(w, "x", x + 3);
            Attr(w, "y", y + CellH - 2);
            Attr(w, "width", CellW - 6);
            w.WriteAttributeString("height", "4");
            w.WriteAttributeString("fill", "#ff7f0e");
            w.WriteEndElement();
        }

        w.WriteEndElement();
    }

    private static void Flags(XmlWriter w, int x, int y, string cls, bool young, bool dirty, bool write, bool upper)
    {
        w.WriteStartElement("text");
        w.WriteAttributeString("class", cls);
        Attr(w, "x", x);
        Attr(w, "y", y);
        w.WriteAttributeString("font-size", "10");
        Letter(w, upper ? "Y" : "y", young);
        Letter(w, upper ? "D" : "d", dirty);
        Letter(w, upper ? "W" : "w", write);
        w.WriteEndElement();
    }

    private static void Letter(XmlWriter w, string letter, bool set)
    {
        w.WriteStartElement("tspan");
        w.WriteAttributeString("fill", set ? "#111111" : "#bbbbbb");
        if (set)
        {
            w.WriteAttributeString("font-weight", "bold");
        }

        w.WriteString(set ? letter + " " : "· ");
        w.WriteEndElement();
    }

    private static void Legend(XmlWriter w, int top)
    {
        w.WriteStartElement("g");
        w.WriteAttributeString("id", "legend");
        Text(w, Margin, top + 14, "legend", "legend-title", size: 12, bold: true);
        var x = Margin;
        var y = top + 24;
        Swatch(w, x, y, RunColours[0], "present (colour: PFN run)");
        Swatch(w, x + 230, y, RunColours[1], "next PFN run");
        Swatch(w, x + 400, y, "#f7f7f7", "none");
        Swatch(w, x + 500, y, "#d9d9d9", "swap entry");
        y += 24;
        w.WriteStartElement("rect");
        Attr(w, "x", x);
        Attr(w, "y", y);
        w.WriteAttributeString("width", "28");
        w.WriteAttributeString("height", "16");
        w.WriteAttributeString("fill", "none");
        w.WriteAttributeString("stroke", "#1f4e9c");
        w.WriteAttributeString("stroke-width", "3");
        w.WriteEndElement();
        Text(w, x + 36, y + 12, "contiguous block (arm64 PTE_CONT, riscv NAPOT): one TLB entry, the walker may evaluate any entry of it", "legend", size: 10);
        y += 24;
        w.WriteStartElement("rect");
        Attr(w, "x", x);
        Attr(w, "y", y + 6);
        w.WriteAttributeString("width", "28");
        w.WriteAttributeString("height", "4");
        w.WriteAttributeString("fill", "#ff7f0e");
        w.WriteEndElement();
        Text(w, x + 36, y + 12, "the range the call worked on", "legend", size: 10);
        w.WriteStartElement("circle");
        Attr(w, "cx", x + 330);
        Attr(w, "cy", y + 8);
        w.WriteAttributeString("r", "3.5");
        w.WriteAttributeString("fill", "#d62728");
        w.WriteEndElement();
        Text(w, x + 340, y + 12, "a walker on this entry sees other bits than ptep_get()", "legend", size: 10);
        y += 24;
        Text(w, x, y + 12, "Y D W: the raw entry's young, dirty, write (what a walker evaluates); y d w: the ptep_get() view (A/D gathered over a block); · clear", "legend", size: 10);
        w.WriteEndElement();
    }

    private static void Swatch(XmlWriter w, int x, int y, string fill, string label)
    {
        w.WriteStartElement("rect");
        Attr(w, "x", x);
        Attr(w, "y", y);
        w.WriteAttributeString("width", "28");
        w.WriteAttributeString("height", "16");
        w.WriteAttributeString("fill", fill);
        w.WriteAttributeString("stroke", "#999999");
        w.WriteEndElement();
        Text(w, x + 36, y + 12, label, "legend", size: 10);
    }

    private static void Text(XmlWriter w, int x, int y, string text, string cls, int size, bool bold = false)
    {
        w.WriteStartElement("text");
        w.WriteAttributeString("class", cls);
        Attr(w, "x", x);
        Attr(w, "y", y);
        Attr(w, "font-size", size);
        if (bold)
        {
            w.WriteAttributeString("font-weight", "bold");
        }

        w.WriteString(text);
        w.WriteEndElement();
    }

    private static void Attr(XmlWriter w, string name, int value) => w.WriteAttributeString(name, value.ToString(CultureInfo.InvariantCulture));

    private static string I(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
