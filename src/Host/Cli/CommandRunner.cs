using System.CommandLine;
using ArchPgtable.Hosting.Configuration;
using ArchPgtable.Hosting.Discovery;
using ArchPgtable.Plugins;
using Microsoft.Extensions.DependencyInjection;

namespace ArchPgtable.Host.Cli;

/// <summary>
/// Runs a command body against a service provider composed from the global options: first writes the
/// plugin and configuration warnings (<see cref="RunDiagnostics"/>, also registered for the body), then
/// runs the body; a configuration problem becomes one sentence on stderr and <see cref="ExitCodes.UsageError"/>.
/// </summary>
internal static class CommandRunner
{
    /// <param name="parse">The parse.</param>
    /// <param name="context">Where to write.</param>
    /// <param name="globals">The global options.</param>
    /// <param name="body">The command.</param>
    /// <param name="selectsArch">The command works on the selected arch (warn about its configuration before the body runs).</param>
    /// <param name="brokenPluginsAreErrors">A plugin file that failed to load is an error (exit 2), not a warning.</param>
    public static int Run(ParseResult parse, CliContext context, GlobalOptions globals, Func<IServiceProvider, int> body,
        bool selectsArch = true, string? brokenPluginsAreErrors = null)
    {
        var trace = TraceSession.Start(parse, globals.Trace, out var traceError);
        if (traceError is not null)
        {
            return CliErrors.Write(context, traceError);
        }

        var diagnostics = new RunDiagnostics(context, parse.GetValue(globals.StrictConfig));
        var services = new ServiceCollection()
            .AddArchPgtable(o => globals.Apply(parse, context, o))
            .AddSingleton(diagnostics)
            .AddSingleton(trace);
        using var provider = services.BuildServiceProvider();
        try
        {
            var catalog = provider.GetRequiredService<PluginCatalog>();
            if (brokenPluginsAreErrors is not null && RunDiagnostics.Broken(catalog).FirstOrDefault() is { } broken)
            {
                return CliErrors.Write(context, $"plugin {broken.File}: {broken.Reason} ({brokenPluginsAreErrors})");
            }

            diagnostics.Plugins(catalog);
            if (selectsArch)
            {
                diagnostics.Config(provider.GetRequiredService<ArchInstance>().Config);
            }

            var code = body(provider);
            var writeError = code == ExitCodes.UsageError ? null : trace.Finish();
            return writeError is null ? code : CliErrors.Write(context, writeError);
        }
        catch (ArchPgtableConfigurationException e)
        {
            return CliErrors.Write(context, e.Message);
        }
    }
}
