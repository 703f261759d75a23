using System.Globalization;

namespace ArchPgtable.Host.Cli;

/// <summary>Writes RFC 4180 CSV: comma separated, CRLF-free (one <c>\n</c> per record), fields with a comma, quote or line break quoted.</summary>
internal sealed class CsvWriter(TextWriter output)
{
    /// <summary>Writes one record.</summary>
    public void Row(params object?[] fields)
    {
        output.Write(string.Join(',', fields.Select(Field)));
        output.Write('\n');
    }

    private static string Field(object? value)
    {
        var text = value switch
        {
            null => "",
            bool b => b ? "true" : "false",
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "",
        };
        return text.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }
}
