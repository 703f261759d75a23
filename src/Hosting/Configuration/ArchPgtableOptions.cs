namespace ArchPgtable.Hosting.Configuration;

/// <summary>
/// What to compose: where plugins are, which arch, and the configuration sources. The command
/// line's global options fill it in; an embedder sets it through
/// <c>services.AddArchPgtable(o =&gt; …)</c>.
/// </summary>
/// <remarks>
/// Precedence, later winning, for symbols and for the arch alike: the plugin's defconfig (its
/// <see cref="ArchPgtable.Kconfig.KconfigSymbol"/> defaults) &lt; <see cref="ConfigFile"/> (may say
/// <c>ARCH=</c>) &lt; <see cref="Environment"/> (<c>ARCHPGTABLE_ARCH</c>, <c>ARCHPGTABLE_CONFIG_*</c>)
/// &lt; <see cref="Set"/> and <see cref="Arch"/>. With no arch given anywhere the default is
/// <c>arm64</c> when an arm64 plugin was found, else <c>generic</c>.
/// </remarks>
public sealed class ArchPgtableOptions
{
    /// <summary>The folder searched by default: <c>plugins/</c> next to the host executable.</summary>
    public static string DefaultPluginDirectoryPath => Path.Combine(AppContext.BaseDirectory, "plugins");

    /// <summary>The arch to build (<c>--arch</c>); null to take it from the other sources or the default rule.</summary>
    public string? Arch { get; set; }

    /// <summary>The machine (<c>--machine</c>): a preset name of the arch or a JSON machine file; null for the arch's default machine.</summary>
    public string? Machine { get; set; }

    /// <summary>A kernel <c>.config</c> file (<c>--config</c>); null for none.</summary>
    public string? ConfigFile { get; set; }

    /// <summary><c>CONFIG_X=value</c> assignments (<c>--set</c>), in order; <c>ARCH=name</c> is accepted too.</summary>
    public IList<string> Set { get; } = [];

    /// <summary>Extra plugin folders (<c>--plugins</c>), searched after <see cref="DefaultPluginDirectory"/>; each must exist.</summary>
    public IList<string> PluginDirectories { get; } = [];

    /// <summary>The folder searched first if it exists; null searches none. Default: <see cref="DefaultPluginDirectoryPath"/>.</summary>
    public string? DefaultPluginDirectory { get; set; } = DefaultPluginDirectoryPath;

    /// <summary>The environment read for <c>ARCHPGTABLE_ARCH</c> and <c>ARCHPGTABLE_CONFIG_*</c>. Default: the process environment.</summary>
    public IEnvironmentVariables Environment { get; set; } = EnvironmentVariables.Process;

    /// <summary>How messages name <see cref="Arch"/> and <see cref="Set"/>. Default: the property names.</summary>
    public ArchPgtableOptionNames OptionNames { get; set; } = ArchPgtableOptionNames.Properties;

    /// <summary>A Linux source directory or tarball whose C helpers replace the arch plugin's (<c>--kernel-tree</c>); null for the plugin's.</summary>
    public string? KernelTree { get; set; }

    /// <summary>A unified diff applied to the kernel files before building the native helpers (<c>--patch</c>).</summary>
    public string? Patch { get; set; }
}
