namespace ArchPgtable.Kconfig;

/// <summary>
/// A Kconfig symbol an architecture plugin honours: its type, default, the symbols it
/// depends on, and the choice group it belongs to (exactly one member of a choice is y).
/// </summary>
/// <remarks>Kernel: a "config FOO" entry in arch/*/Kconfig or mm/Kconfig.</remarks>
/// <param name="Name">The full name, e.g. <c>CONFIG_ARM64_CONTPTE</c>.</param>
/// <param name="Type">The value type.</param>
/// <param name="Default">The default value in .config spelling (<c>y</c>, <c>n</c>, <c>48</c>, <c>"str"</c>).</param>
/// <param name="Help">One line of help.</param>
public sealed record KconfigSymbol(string Name, KconfigType Type, string Default, string Help)
{
    /// <summary>Symbols that must all be enabled for this one to be enabled ("depends on A &amp;&amp; B").</summary>
    public IReadOnlyList<string> DependsOn { get; init; } = [];

    /// <summary>The choice group this symbol belongs to, or null. Exactly one bool member of a choice is y.</summary>
    public string? Choice { get; init; }

    /// <summary>A bool symbol.</summary>
    public static KconfigSymbol Bool(string name, bool defaultValue, string help, params string[] dependsOn) =>
        new(name, KconfigType.Bool, defaultValue ? "y" : "n", help) { DependsOn = dependsOn };

    /// <summary>An int symbol.</summary>
    public static KconfigSymbol Int(string name, long defaultValue, string help) =>
        new(name, KconfigType.Int, defaultValue.ToString(System.Globalization.CultureInfo.InvariantCulture), help);
}
