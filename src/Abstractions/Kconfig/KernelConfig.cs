using System.Text.RegularExpressions;

namespace ArchPgtable.Kconfig;

/// <summary>
/// One configuration source: the assignments of a kernel <c>.config</c> file, of the
/// environment, or of the command line, in order. Resolve layers with <see cref="KconfigResolver"/>.
/// </summary>
/// <remarks>Kernel: a .config file (scripts/kconfig/confdata.c reads the same syntax).</remarks>
public sealed partial class KernelConfig
{
    private KernelConfig(string source, IReadOnlyList<KconfigAssignment> assignments)
    {
        Source = source;
        Assignments = assignments;
    }

    /// <summary>The source name.</summary>
    public string Source { get; }

    /// <summary>The assignments, in order.</summary>
    public IReadOnlyList<KconfigAssignment> Assignments { get; }

    /// <summary>An empty source.</summary>
    public static KernelConfig Empty(string source) => new(source, []);

    /// <summary>
    /// Parses .config text: <c>CONFIG_X=y|m|n|"string"|123|0x1f</c>, <c># CONFIG_X is not set</c>,
    /// <c>ARCH=name</c>, comments and blank lines.
    /// </summary>
    /// <exception cref="KconfigParseException">A line is malformed; the message has its line number.</exception>
    public static KernelConfig Parse(string text, string source = ".config")
    {
        ArgumentNullException.ThrowIfNull(text);
        var list = new List<KconfigAssignment>();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r').Trim();
            if (line.Length == 0)
            {
                continue;
            }

            if (line[0] == '#')
            {
                var notSet = NotSetLine().Match(line);
                if (notSet.Success)
                {
                    list.Add(new KconfigAssignment(notSet.Groups[1].Value, "n", source, i + 1));
                }

                continue;
            }

            list.Add(ParseAssignment(line, source, i + 1));
        }

        return new KernelConfig(source, list);
    }

    /// <summary>Reads and parses a .config file.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="KconfigParseException">A line is malformed.</exception>
    public static KernelConfig Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"config file '{path}' does not exist.", path);
        }

        return Parse(File.ReadAllText(path), Path.GetFileName(path));
    }

    /// <summary>Builds a source from <c>CONFIG_X=value</c> (or <c>ARCH=name</c>) strings, e.g. the command line's <c>--set</c>.</summary>
    /// <exception cref="KconfigParseException">An assignment is malformed.</exception>
    public static KernelConfig FromAssignments(string source, IEnumerable<string> assignments)
    {
        ArgumentNullException.ThrowIfNull(assignments);
        var list = new List<KconfigAssignment>();
        var n = 0;
        foreach (var a in assignments)
        {
            n++;
            list.Add(ParseAssignment(a.Trim(), source, 0, n));
        }

        return new KernelConfig(source, list);
    }

    /// <summary>Builds a source from already separated names and values (e.g. environment variables), validating each.</summary>
    /// <exception cref="KconfigParseException">A name or value is malformed.</exception>
    public static KernelConfig FromPairs(string source, IEnumerable<KeyValuePair<string, string>> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        return FromAssignments(source, pairs.Select(p => $"{p.Key}={p.Value}"));
    }

    private static KconfigAssignment ParseAssignment(string line, string source, int lineNo, int ordinal = 0)
    {
        var m = AssignmentLine().Match(line);
        var where = lineNo > 0 ? "" : $"assignment {ordinal} ";
        if (!m.Success)
        {
            throw new KconfigParseException(source, lineNo,
                $"{where}malformed line '{line}': expected CONFIG_NAME=value, '# CONFIG_NAME is not set' or ARCH=name.");
        }

        var name = m.Groups[1].Value;
        var value = m.Groups[2].Value;
        if (name == KconfigAssignment.ArchName)
        {
            if (!ArchValue().IsMatch(value))
            {
                throw new KconfigParseException(source, lineNo, $"{where}malformed ARCH value '{value}'.");
            }
        }
        else if (!IsValidValue(value))
        {
            throw new KconfigParseException(source, lineNo,
                $"{where}malformed value for {name}: '{value}' (expected y, m, n, a number, 0x-hex or a \"quoted string\").");
        }

        return new KconfigAssignment(name, value, source, lineNo);
    }

    private static bool IsValidValue(string value) =>
        value is "y" or "m" or "n" || DecimalValue().IsMatch(value) || HexValue().IsMatch(value) || QuotedValue().IsMatch(value);

    [GeneratedRegex(@"^#\s*(CONFIG_[A-Za-z0-9_]+) is not set\s*$")]
    private static partial Regex NotSetLine();

    [GeneratedRegex(@"^(CONFIG_[A-Za-z0-9_]+|ARCH)=(.*)$")]
    private static partial Regex AssignmentLine();

    [GeneratedRegex(@"^-?[0-9]+$")]
    private static partial Regex DecimalValue();

    [GeneratedRegex(@"^0[xX][0-9a-fA-F]+$")]
    private static partial Regex HexValue();

    [GeneratedRegex(@"^""([^""\\]|\\.)*""$")]
    private static partial Regex QuotedValue();

    [GeneratedRegex(@"^[a-z0-9_]+$")]
    private static partial Regex ArchValue();
}
