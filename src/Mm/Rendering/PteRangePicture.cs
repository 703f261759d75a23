using ArchPgtable.Plugins;

namespace ArchPgtable.Mm.Rendering;

/// <summary>
/// A picture of a range of one PTE table: per entry the raw descriptor (present, PFN, young, dirty,
/// write), the ptep_get() view core mm reasons with, the contiguous block the hardware sees it in and
/// the PFN run it belongs to. Render it with <see cref="PteTableSvg"/> or any view of your own.
/// </summary>
/// <remarks>Kernel: none; what one would draw by hand from a dump of the PTE page.</remarks>
public sealed class PteRangePicture
{
    private PteRangePicture(string title, string arch, ulong tableVa, IReadOnlyList<PteCell> cells, int highlightStart, int highlightNr)
    {
        Title = title;
        Arch = arch;
        TableVa = tableVa;
        Cells = cells;
        HighlightStart = highlightStart;
        HighlightNr = highlightNr;
    }

    /// <summary>What the picture shows (scenario, before/after).</summary>
    public string Title { get; }

    /// <summary>The build, e.g. <c>arm64, 4K pages, 48-bit VA, contpte</c>.</summary>
    public string Arch { get; }

    /// <summary>The virtual address mapped by entry 0 of the table.</summary>
    public ulong TableVa { get; }

    /// <summary>The entries rendered, in index order.</summary>
    public IReadOnlyList<PteCell> Cells { get; }

    /// <summary>The first index of the range a call worked on (marked in the picture), or -1.</summary>
    public int HighlightStart { get; }

    /// <summary>The entries of that range.</summary>
    public int HighlightNr { get; }

    /// <summary>The contiguous blocks among the cells, as (first index, entries) in index order; a block cut by
    /// the range is listed with the part inside it.</summary>
    public IReadOnlyList<(int Start, int Count)> Blocks
    {
        get
        {
            var blocks = new List<(int, int)>();
            for (var i = 0; i < Cells.Count; i++)
            {
                var c = Cells[i];
                if (!c.InBlock)
                {
                    continue;
                }

                var n = 1;
                while (i + n < Cells.Count && Cells[i + n].BlockStart == c.BlockStart && Cells[i + n].InBlock)
                {
                    n++;
                }

                blocks.Add((c.Index, n));
                i += n - 1;
            }

            return blocks;
        }
    }

    /// <summary>True when <paramref name="index"/> is in the highlighted call range.</summary>
    public bool Highlighted(int index) => HighlightStart >= 0 && index >= HighlightStart && index < HighlightStart + HighlightNr;

    /// <summary>Takes a picture of entries [<paramref name="first"/>, <paramref name="first"/> + <paramref name="count"/>) of
    /// <paramref name="table"/>. Raw words are read without counting; the view goes through <paramref name="arch"/>'s ptep_get().</summary>
    /// <exception cref="ArgumentOutOfRangeException">The range leaves the table.</exception>
    public static PteRangePicture Capture(ArchInstance arch, PteTable table, int first, int count, string title, int highlightStart = -1, int highlightNr = 0)
    {
        ArgumentNullException.ThrowIfNull(arch);
        ArgumentNullException.ThrowIfNull(table);
        if (first < 0 || count < 1 || first + count > table.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, $"entries {first}..{first + count - 1} are not inside the PTE table (0..{table.Count - 1}).");
        }

        var f = arch.Format;
        var g = arch.Geometry;
        var observer = table.Observer;
        table.Observer = null;
        var cells = new PteCell[count];
        var run = -1;
        var runOffset = 0;
        for (var k = 0; k < count; k++)
        {
            var i = first + k;
            var raw = table.Peek(i);
            var view = arch.Ops.PtepGet(new PtePointer(table, i));
            var present = f.Present(raw);
            var pfn = present && f.Present(view) ? f.Pfn(view) : present ? f.Pfn(raw) : 0;
            if (present)
            {
                if (k > 0 && cells[k - 1].Present && cells[k - 1].Pfn + 1 == pfn)
                {
                    runOffset++;
                }
                else
                {
                    run++;
                    runOffset = 0;
                }
            }

            var n = present ? Math.Max(1, arch.Hardware.BlockEntries(raw)) : 1;
            cells[k] = new PteCell(i, table.BaseAddress + ((ulong)i << g.PageShift), raw.Value, present, !present && !raw.IsNone && f.IsSwapEntry(raw), pfn,
                present && f.Young(raw), present && f.Dirty(raw), present && f.Write(raw),
                present && f.Young(view), present && f.Dirty(view), present && f.Write(view),
                n > 1 ? i & ~(n - 1) : i, n, present ? run : -1, present ? runOffset : 0, f.Describe(raw));
        }

        table.Observer = observer;
        return new PteRangePicture(title, arch.Description.Length > 0 ? arch.Description : arch.Arch, table.BaseAddress, cells, highlightStart, highlightNr);
    }

    /// <summary>Takes a picture of raw words (e.g. a counterexample's table before or after a call): word k is entry
    /// <paramref name="first"/> + k of a table whose entry 0 maps <paramref name="tableVa"/>.</summary>
    public static PteRangePicture FromWords(ArchInstance arch, ulong tableVa, int first, IReadOnlyList<ulong> words, string title, int highlightStart = -1, int highlightNr = 0)
    {
        ArgumentNullException.ThrowIfNull(arch);
        ArgumentNullException.ThrowIfNull(words);
        var table = new PteTable(arch.Geometry.PtrsPerPte, null, tableVa);
        for (var k = 0; k < words.Count; k++)
        {
            table.Write(first + k, new Pte(words[k]));
        }

        return Capture(arch, table, first, words.Count, title, highlightStart, highlightNr);
    }
}
