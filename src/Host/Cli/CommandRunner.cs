using System.CommandLine;
using ArchPgtable.Host.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ArchPgtable.Host.Cli;

/// <summary>
/// Runs a command body against a service provider composed from the global options, and turns a
/// configuration problem into one sentence on stderr and <see cref="ExitCodes.UsageError"/>.
/// </summary>
internal static class CommandRunner
{
    public static int Run(ParseResult parse, CliContext context, GlobalOptions globals, Func<IServiceProvider, int> body)
    {
        var trace = TraceSession.Start(parse, globals.Trace, out var traceError);
        if (traceError is not null)
        {
            return CliErrors.Write(context, traceError);
        }

        var services = new ServiceCollection()
            .AddArchPgtable(o => globals.Apply(parse, context, o))
            .AddSingleton(trace);
        using var provider = services.BuildServiceProvider();
        try
        {
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
