using System.Globalization;

namespace ArchPgtable.Mm.Tracing;

/// <summary>One named argument of a trace event. The value is a number, a string or a boolean.</summary>
/// <param name="Name">The argument's name in kernel spelling (<c>addr</c>, <c>nr</c>, <c>flags</c>, <c>ret</c>).</param>
/// <param name="Value">A <see cref="long"/>, <see cref="string"/> or <see cref="bool"/>.</param>
public readonly record struct TraceArg(string Name, object Value)
{
    /// <summary>An address or raw PTE word, printed as hexadecimal (<c>0x40000000</c>).</summary>
    public static TraceArg Hex(string name, ulong value) => new(name, string.Create(CultureInfo.InvariantCulture, $"0x{value:x}"));

    /// <summary>A count or index.</summary>
    public static TraceArg Number(string name, long value) => new(name, value);

    /// <summary>A word.</summary>
    public static TraceArg Text(string name, string value) => new(name, value);

    /// <summary>A flag.</summary>
    public static TraceArg Flag(string name, bool value) => new(name, value);

    /// <summary>The value as ftrace prints it (<c>0x…</c>, a number, <c>true</c>/<c>false</c>, or the string).</summary>
    public string ValueText => Value switch
    {
        bool b => b ? "true" : "false",
        long l => l.ToString(CultureInfo.InvariantCulture),
        _ => Convert.ToString(Value, CultureInfo.InvariantCulture) ?? "",
    };
}
