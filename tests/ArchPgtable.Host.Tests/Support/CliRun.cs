using System.Text.Json;
using ArchPgtable.Hosting.Configuration;

namespace ArchPgtable.Host.Tests.Support;

/// <summary>The outcome of one in-process run of the command line.</summary>
internal sealed record CliResult(int ExitCode, string Out, string Error)
{
    public JsonElement Json()
    {
        Assert.True(ExitCode == 0, $"exit {ExitCode}: {Error}");
        using var doc = JsonDocument.Parse(Out);
        return doc.RootElement.Clone();
    }

    public IReadOnlyDictionary<string, string> Config() =>
        Json().GetProperty("config").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
}

/// <summary>Runs <see cref="Program.Run"/> in-process with captured writers and an injected environment.</summary>
internal static class CliRun
{
    /// <summary>Runs with no environment variables and no default plugins folder.</summary>
    public static CliResult Run(params string[] args) => Run(EnvironmentVariables.None, null, args);

    /// <summary>Runs with the given variables and no default plugins folder.</summary>
    public static CliResult Run(IReadOnlyDictionary<string, string> environment, params string[] args) =>
        Run(EnvironmentVariables.From(environment), null, args);

    public static CliResult Run(IEnvironmentVariables environment, string? defaultPluginDirectory, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = Program.Run(args, new CliContext
        {
            Out = stdout,
            Error = stderr,
            Environment = environment,
            DefaultPluginDirectory = defaultPluginDirectory,
            IsTerminal = false,
        });
        return new CliResult(code, stdout.ToString(), stderr.ToString());
    }
}
