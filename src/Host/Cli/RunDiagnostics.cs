using ArchPgtable.Hosting.Configuration;
using ArchPgtable.Hosting.Discovery;
using ArchPgtable.Kconfig;

namespace ArchPgtable.Host.Cli;

/// <summary>
/// The warnings a command writes on stderr whatever its output format: plugin files that failed to load,
/// and configuration warnings (a symbol the arch does not honour, a dependency forced off, conflicting
/// choice members), each once, as <c>archpgtable: warning: …</c>. With <c>--strict-config</c> a
/// configuration warning is an error instead (exit 2, one line).
/// </summary>
internal sealed class RunDiagnostics(CliContext context, bool strictConfig)
{
    private readonly HashSet<string> _written = new(StringComparer.Ordinal);

    /// <summary>Warns about every plugin file that was skipped because it is broken.</summary>
    public void Plugins(PluginCatalog catalog)
    {
        foreach (var d in Broken(catalog))
        {
            Warn($"plugin {d.File}: {d.Reason}");
        }
    }

    /// <summary>The plugin files that failed to load.</summary>
    public static IEnumerable<PluginDiagnostic> Broken(PluginCatalog catalog) =>
        catalog.Diagnostics.Where(d => d.Severity == PluginDiagnosticSeverity.Error);

    /// <summary>Warns about <paramref name="config"/>'s warnings, prefixed with <paramref name="label"/> when given.</summary>
    /// <exception cref="ArchPgtableConfigurationException">With <c>--strict-config</c>, when there is a warning.</exception>
    public void Config(EffectiveConfig config, string? label = null)
    {
        var prefix = label is null ? "" : label + ": ";
        if (strictConfig && config.Warnings.Count > 0)
        {
            var more = config.Warnings.Count > 1 ? $" (and {config.Warnings.Count - 1} more warning(s))" : "";
            throw new ArchPgtableConfigurationException($"{prefix}{config.Warnings[0]}{more} (--strict-config)");
        }

        foreach (var w in config.Warnings)
        {
            Warn(prefix + w);
        }
    }

    private void Warn(string sentence)
    {
        if (_written.Add(sentence))
        {
            context.Error.WriteLine($"archpgtable: warning: {sentence.ReplaceLineEndings(" ")}");
        }
    }
}
