using ArchPgtable.Hosting.Configuration;

namespace ArchPgtable.Host;

/// <summary>
/// Where a run of the command line reads from and writes to: its output and error writers, its
/// environment variables and the default plugins folder. <see cref="Program.Main"/> uses the real
/// process; tests and embedders pass their own.
/// </summary>
public sealed class CliContext
{
    /// <summary>Standard output: reports.</summary>
    public required TextWriter Out { get; init; }

    /// <summary>Standard error: one sentence per error.</summary>
    public required TextWriter Error { get; init; }

    /// <summary>The environment variables (<c>ARCHPGTABLE_ARCH</c>, <c>ARCHPGTABLE_CONFIG_*</c>).</summary>
    public required IEnvironmentVariables Environment { get; init; }

    /// <summary>The plugins folder searched without <c>--plugins</c>; null searches none.</summary>
    public string? DefaultPluginDirectory { get; init; }

    /// <summary>True when <see cref="Out"/> is an interactive terminal: colours and the terminal's width.
    /// Otherwise text output is plain ASCII, 120 columns wide (tables fit 80).</summary>
    public bool IsTerminal { get; init; }

    /// <summary>The real process: console writers, process environment, <c>plugins/</c> next to the executable.</summary>
    public static CliContext FromProcess() => new()
    {
        Out = Console.Out,
        Error = Console.Error,
        Environment = EnvironmentVariables.Process,
        DefaultPluginDirectory = ArchPgtableOptions.DefaultPluginDirectoryPath,
        IsTerminal = !Console.IsOutputRedirected,
    };
}
