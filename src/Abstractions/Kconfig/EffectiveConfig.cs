using System.Globalization;

namespace ArchPgtable.Kconfig;

/// <summary>
/// The resolved configuration an architecture is built with: every symbol's value after
/// defaults, sources, dependencies and choices, plus the warnings the resolution produced.
/// </summary>
/// <remarks>Kernel: the final .config after "make olddefconfig".</remarks>
public sealed class EffectiveConfig
{
    private readonly Dictionary<string, string> _values;

    /// <summary>Creates a resolved configuration.</summary>
    /// <param name="arch">The architecture (ARCH=…).</param>
    /// <param name="values">Symbol → value in .config spelling; "n" for unset bools.</param>
    /// <param name="warnings">What resolution changed or ignored, one sentence each.</param>
    public EffectiveConfig(string arch, IReadOnlyDictionary<string, string> values, IReadOnlyList<string>? warnings = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(arch);
        ArgumentNullException.ThrowIfNull(values);
        Arch = arch;
        _values = new Dictionary<string, string>(values, StringComparer.Ordinal);
        Warnings = warnings ?? [];
    }

    /// <summary>The architecture.</summary>
    /// <remarks>Kernel: ARCH=</remarks>
    public string Arch { get; }

    /// <summary>Every symbol and its value, sorted by name.</summary>
    public IReadOnlyDictionary<string, string> Values => new SortedDictionary<string, string>(_values, StringComparer.Ordinal);

    /// <summary>What resolution changed or ignored.</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>True when the symbol is y (or m).</summary>
    /// <remarks>Kernel: IS_ENABLED(CONFIG_…)</remarks>
    public bool IsEnabled(string symbol) =>
        _values.TryGetValue(symbol, out var v) && (v == "y" || v == "m");

    /// <summary>The symbol's value, or null when it is not set.</summary>
    public string? Get(string symbol) => _values.TryGetValue(symbol, out var v) ? v : null;

    /// <summary>An int or hex symbol's value.</summary>
    /// <exception cref="KeyNotFoundException">The symbol is not set.</exception>
    /// <exception cref="FormatException">The value is not a number.</exception>
    public long GetInt(string symbol)
    {
        var v = Get(symbol) ?? throw new KeyNotFoundException($"{symbol} is not set.");
        return v.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? long.Parse(v.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture)
            : long.Parse(v, NumberStyles.Integer, CultureInfo.InvariantCulture);
    }
}
