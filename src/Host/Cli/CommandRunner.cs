using System.CommandLine;
using ArchPgtable.Hosting.Configuration;
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
        var services = new ServiceCollection()
            .AddArchPgtable(o => globals.Apply(parse, context, o));
        using var provider = services.BuildServiceProvider();
        try
        {
            return body(provider);
        }
        catch (ArchPgtableConfigurationException e)
        {
            return CliErrors.Write(context, e.Message);
        }
    }
}
