using System.CommandLine;

namespace ArchPgtable.Host.Cli;

/// <summary><c>archpgtable info [--format text|json|csv]</c>: the plugins found, the selected arch, its configuration and the "#define view".</summary>
internal static class InfoCommand
{
    public static Command Create(GlobalOptions globals, CliContext context)
    {
        var format = new OutputFormatOptions();
        var command = new Command("info",
            "Show the plugins found, load diagnostics, the selected arch, its effective config with warnings, "
            + "and for every page-table helper whether the generic default or the arch's override is in force.");
        format.AddTo(command);
        command.SetAction(parse => CommandRunner.Run(parse, context, globals, services =>
        {
            var report = InfoReport.From(services);
            switch (format.Get(parse))
            {
                case OutputFormat.Json:
                    InfoJsonWriter.Write(report, context.Out);
                    break;
                case OutputFormat.Csv:
                    InfoCsvWriter.Write(report, context.Out);
                    break;
                default:
                    InfoTextWriter.Write(report, ConsoleFactory.Create(context));
                    break;
            }

            return ExitCodes.Ok;
        }));
        return command;
    }
}
