using System.Text.RegularExpressions;

namespace ArchPgtable.Kconfig;

/// <summary>
/// Resolves configuration layers against the symbols an architecture honours, as
/// <c>make olddefconfig</c> would: defaults first, then each layer in order (later wins), then
/// choices (exactly one member y; two members set y by one source is a conflict the later wins) and
/// dependencies (a symbol whose dependency is off is forced off), each change said in a warning.
/// </summary>
/// <remarks>Kernel: scripts/kconfig (conf --olddefconfig).</remarks>
public static partial class KconfigResolver
{
    /// <summary>Resolves <paramref name="layers"/> (lowest priority first) against <paramref name="schema"/>.</summary>
    /// <param name="arch">The architecture the configuration is for.</param>
    /// <param name="schema">The symbols the architecture honours, with defaults (its defconfig).</param>
    /// <param name="layers">Configuration sources, later winning. <c>ARCH=</c> assignments are ignored here (the host selects the arch).</param>
    /// <exception cref="KconfigParseException">A value does not fit its symbol's type; the message names the source and line.</exception>
    /// <exception cref="ArgumentException">The schema itself is inconsistent (duplicate symbol, dependency on an unknown symbol).</exception>
    public static EffectiveConfig Resolve(string arch, IReadOnlyList<KconfigSymbol> schema, IEnumerable<KernelConfig> layers)
    {
        ArgumentException.ThrowIfNullOrEmpty(arch);
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(layers);

        var symbols = IndexSchema(schema);
        var values = schema.ToDictionary(s => s.Name, s => s.Default, StringComparer.Ordinal);
        var warnings = new List<string>();
        var explicitly = new Dictionary<string, KconfigAssignment>(StringComparer.Ordinal);

        foreach (var layer in layers)
        {
            var chosen = new Dictionary<string, KconfigAssignment>(StringComparer.Ordinal);
            foreach (var a in layer.Assignments)
            {
                if (a.Name == KconfigAssignment.ArchName)
                {
                    continue;
                }

                if (!symbols.TryGetValue(a.Name, out var symbol))
                {
                    warnings.Add($"{a.Location}: {a.Name} is not a symbol arch '{arch}' honours; ignored.");
                    continue;
                }

                CheckType(symbol, a);
                values[a.Name] = a.Value;
                explicitly[a.Name] = a;
                if (symbol.Choice is not null && a.Value == "y")
                {
                    // Two members of one choice set y by one source: the later wins, and that is said.
                    if (chosen.TryGetValue(symbol.Choice, out var earlier) && earlier.Name != a.Name)
                    {
                        warnings.Add($"choice {symbol.Choice}: {earlier.Location} {earlier.Name}=y and {a.Location} {a.Name}=y conflict; the later, {a.Name}, wins.");
                    }

                    chosen[symbol.Choice] = a;

                    foreach (var other in schema.Where(s => s.Choice == symbol.Choice && s.Name != symbol.Name))
                    {
                        values[other.Name] = "n";
                    }
                }
            }
        }

        ResolveChoices(schema, values, explicitly, warnings);
        ResolveDependencies(schema, values, explicitly, warnings);

        // Forcing a dependency off may have emptied a choice: select again, then re-check.
        ResolveChoices(schema, values, explicitly, warnings);
        ResolveDependencies(schema, values, explicitly, warnings);
        return new EffectiveConfig(arch, values, warnings);
    }

    private static Dictionary<string, KconfigSymbol> IndexSchema(IReadOnlyList<KconfigSymbol> schema)
    {
        var symbols = new Dictionary<string, KconfigSymbol>(StringComparer.Ordinal);
        foreach (var s in schema)
        {
            if (!symbols.TryAdd(s.Name, s))
            {
                throw new ArgumentException($"Kconfig schema declares {s.Name} twice.", nameof(schema));
            }
        }

        foreach (var s in schema)
        {
            foreach (var dep in s.DependsOn)
            {
                if (!symbols.ContainsKey(dep))
                {
                    throw new ArgumentException($"Kconfig schema: {s.Name} depends on {dep}, which the schema does not declare.", nameof(schema));
                }
            }
        }

        return symbols;
    }

    private static void CheckType(KconfigSymbol symbol, KconfigAssignment a)
    {
        var ok = symbol.Type switch
        {
            KconfigType.Bool => a.Value is "y" or "n",
            KconfigType.Tristate => a.Value is "y" or "m" or "n",
            KconfigType.Int => DecimalValue().IsMatch(a.Value),
            KconfigType.Hex => HexValue().IsMatch(a.Value),
            KconfigType.String => a.Value.Length >= 2 && a.Value[0] == '"' && a.Value[^1] == '"',
            _ => false,
        };
        if (!ok)
        {
            var expected = symbol.Type switch
            {
                KconfigType.Bool => "y or n",
                KconfigType.Tristate => "y, m or n",
                KconfigType.Int => "a decimal number",
                KconfigType.Hex => "a 0x-prefixed hex number",
                _ => "a \"quoted string\"",
            };
            throw new KconfigParseException(a.Source, a.Line,
                $"{a.Name} is {symbol.Type.ToString().ToLowerInvariant()}; '{a.Value}' is not {expected}.");
        }
    }

    private static void ResolveChoices(
        IReadOnlyList<KconfigSymbol> schema, Dictionary<string, string> values,
        Dictionary<string, KconfigAssignment> explicitly, List<string> warnings)
    {
        foreach (var group in schema.Where(s => s.Choice is not null).GroupBy(s => s.Choice!))
        {
            var members = group.ToList();
            if (members.Any(m => values[m.Name] == "y"))
            {
                continue;
            }

            bool Met(KconfigSymbol m) => m.DependsOn.All(d => values[d] is "y" or "m");
            var fallback = members.FirstOrDefault(m => m.Default == "y" && Met(m))
                ?? members.FirstOrDefault(Met)
                ?? members.FirstOrDefault(m => m.Default == "y")
                ?? members[0];
            values[fallback.Name] = "y";
            var offs = string.Join(", ", members.Where(m => explicitly.ContainsKey(m.Name)).Select(m => explicitly[m.Name].Location + " " + m.Name));
            warnings.Add($"choice {group.Key}: no member is y ({offs}); {fallback.Name} selected.");
        }
    }

    private static void ResolveDependencies(
        IReadOnlyList<KconfigSymbol> schema, Dictionary<string, string> values,
        Dictionary<string, KconfigAssignment> explicitly, List<string> warnings)
    {
        bool changed;
        do
        {
            changed = false;
            foreach (var s in schema)
            {
                if (values[s.Name] is not ("y" or "m"))
                {
                    continue;
                }

                var missing = s.DependsOn.FirstOrDefault(d => values[d] is not ("y" or "m"));
                if (missing is null)
                {
                    continue;
                }

                var from = explicitly.TryGetValue(s.Name, out var a) ? $" (set at {a.Location})" : " (default)";
                warnings.Add($"{s.Name}={values[s.Name]}{from} depends on {missing}, which is not set; {s.Name} forced to n.");
                values[s.Name] = "n";
                changed = true;
            }
        }
        while (changed);
    }

    [GeneratedRegex(@"^-?[0-9]+$")]
    private static partial Regex DecimalValue();

    [GeneratedRegex(@"^0[xX][0-9a-fA-F]+$")]
    private static partial Regex HexValue();
}
