using System.CommandLine;

namespace ArchPgtable.Host.Cli;

/// <summary><c>archpgtable info [--json]</c>: the plugins found, the selected arch, its configuration and the "#define view".</summary>
internal static class InfoCommand
{
    public static Command Create(GlobalOptions globals, CliContext context)
    {
        var json = new Option<bool>("--json") { Description = "Write the report as JSON instead of tables." };
        var command = new Command("info",
            "Show the plugins found, load diagnostics, the selected arch, its effective config with warnings, "
            + "and for every page-table helper whether the generic default or the arch's override is in force.")
        {
            json,
        };
        command.SetAction(parse => CommandRunner.Run(parse, context, globals, services =>
        {
            var report = InfoReport.From(services);
            if (parse.GetValue(json))
            {
                InfoJsonWriter.Write(report, context.Out);
            }
            else
            {
                InfoTextWriter.Write(report, ConsoleFactory.Create(context));
            }

            return ExitCodes.Ok;
        }));
        return command;
    }
}
