using ArchPgtable.Kconfig;

namespace ArchPgtable.Hosting.Configuration;

/// <summary>
/// The configuration layers above the plugin's defconfig, lowest first (the <c>--config</c> file,
/// one layer per <c>ARCHPGTABLE_CONFIG_*</c> variable, <c>--set</c>), and the arch asked for by
/// the highest source that names one.
/// </summary>
internal sealed class ConfigurationSources
{
    /// <summary>The variable that selects the arch.</summary>
    public const string ArchVariable = "ARCHPGTABLE_ARCH";

    /// <summary>The prefix of variables that set symbols: <c>ARCHPGTABLE_CONFIG_X=y</c> is <c>CONFIG_X=y</c>.</summary>
    public const string ConfigVariablePrefix = "ARCHPGTABLE_CONFIG_";

    private ConfigurationSources(IReadOnlyList<KernelConfig> layers, ArchRequest? arch)
    {
        Layers = layers;
        Arch = arch;
    }

    /// <summary>The layers, lowest priority first.</summary>
    public IReadOnlyList<KernelConfig> Layers { get; }

    /// <summary>The arch asked for, or null when no source names one.</summary>
    public ArchRequest? Arch { get; }

    /// <summary>Reads every source <paramref name="options"/> names.</summary>
    /// <exception cref="ArchPgtableConfigurationException">A file is missing or a line or value is malformed.</exception>
    public static ConfigurationSources Read(ArchPgtableOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var layers = new List<KernelConfig>();
        ArchRequest? arch = null;

        if (options.ConfigFile is { } path)
        {
            var file = LoadFile(path);
            layers.Add(file);
            arch = LastArch(file) ?? arch;
        }

        var variables = options.Environment.GetAll();
        foreach (var (name, value) in variables
            .Where(v => v.Key.StartsWith(ConfigVariablePrefix, StringComparison.Ordinal))
            .OrderBy(v => v.Key, StringComparer.Ordinal))
        {
            var symbol = "CONFIG_" + name[ConfigVariablePrefix.Length..];
            layers.Add(Parse(() => KernelConfig.FromPairs(name, [new(symbol, value)])));
        }

        if (variables.TryGetValue(ArchVariable, out var envArch) && envArch.Length > 0)
        {
            arch = new ArchRequest(envArch, ArchVariable);
        }

        if (options.Set.Count > 0)
        {
            var set = Parse(() => KernelConfig.FromAssignments(options.OptionNames.Set, options.Set));
            layers.Add(set);
            arch = LastArch(set) is { } setArch ? setArch with { Source = $"{options.OptionNames.Set} ARCH=" } : arch;
        }

        if (options.Arch is { } cliArch)
        {
            arch = new ArchRequest(cliArch, options.OptionNames.Arch);
        }

        return new ConfigurationSources(layers, arch);
    }

    private static KernelConfig LoadFile(string path)
    {
        try
        {
            return KernelConfig.Load(path);
        }
        catch (FileNotFoundException)
        {
            throw new ArchPgtableConfigurationException($"config file '{path}' does not exist.");
        }
        catch (KconfigParseException e)
        {
            throw new ArchPgtableConfigurationException(e.Message, e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ArchPgtableConfigurationException($"config file '{path}' cannot be read: {e.Message}", e);
        }
    }

    private static KernelConfig Parse(Func<KernelConfig> parse)
    {
        try
        {
            return parse();
        }
        catch (KconfigParseException e)
        {
            throw new ArchPgtableConfigurationException(e.Message, e);
        }
    }

    private static ArchRequest? LastArch(KernelConfig config) =>
        config.Assignments.LastOrDefault(a => a.Name == KconfigAssignment.ArchName) is { } a
            ? new ArchRequest(a.Value, a.Location)
            : null;
}
