namespace ArchPgtable.Host.Cli;

/// <summary>
/// A plain-text table for narrow terminals and logs: headers may span lines (<c>\n</c>), a dashed rule under
/// them, no vertical borders, text columns left-aligned and number columns right-aligned, one space between
/// columns. Eleven short columns fit in 80.
/// </summary>
internal sealed class TextTable((string Header, bool Left)[] columns)
{
    private readonly List<string[]> _rows = [];

    /// <summary>Adds a row of cells (missing trailing cells are empty).</summary>
    public void Add(params string[] cells) => _rows.Add(cells);

    /// <summary>Writes the table.</summary>
    public void Write(TextWriter output)
    {
        var headers = columns.Select(c => c.Header.Split('\n')).ToArray();
        var widths = new int[columns.Length];
        for (var i = 0; i < columns.Length; i++)
        {
            widths[i] = Math.Max(headers[i].Max(h => h.Length), _rows.Count == 0 ? 0 : _rows.Max(r => i < r.Length ? r[i].Length : 0));
        }

        var headerLines = headers.Max(h => h.Length);
        for (var line = 0; line < headerLines; line++)
        {
            // Multi-line headers are bottom-aligned, so the last line sits on the rule.
            Line(output, widths, i => line - (headerLines - headers[i].Length) is var k && k >= 0 ? headers[i][k] : "");
        }

        output.WriteLine(string.Join(' ', widths.Select(w => new string('-', w))));
        foreach (var row in _rows)
        {
            Line(output, widths, i => i < row.Length ? row[i] : "");
        }
    }

    private void Line(TextWriter output, int[] widths, Func<int, string> cell)
    {
        var parts = new string[widths.Length];
        for (var i = 0; i < widths.Length; i++)
        {
            parts[i] = columns[i].Left ? cell(i).PadRight(widths[i]) : cell(i).PadLeft(widths[i]);
        }

        output.WriteLine(string.Join(' ', parts).TrimEnd());
    }
}
