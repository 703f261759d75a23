using System.CommandLine;
using ArchPgtable.Host.Render;
using ArchPgtable.Mm.Rendering;
using ArchPgtable.Plugins;
using Microsoft.Extensions.DependencyInjection;

namespace ArchPgtable.Host.Cli;

/// <summary>
/// <c>archpgtable render [SCENARIO]</c>: runs a named scenario (<see cref="PteScenarios"/>) on the selected arch and
/// draws a range of its PTE table — present entries, PFN runs, contiguous blocks, young/dirty/write per entry and the
/// ptep_get() view — in the terminal (80 columns), as JSON (<c>--format json</c>) and as SVG (<c>--svg FILE</c>).
/// </summary>
internal static class RenderCommand
{
    public static Command Create(GlobalOptions globals, CliContext context)
    {
        var scenario = new Argument<string>("scenario")
        {
            Description = $"What to run before drawing: {string.Join(", ", PteScenarios.Names)}.",
            DefaultValueFactory = _ => "lazyfree",
        };
        scenario.AcceptOnlyFromAmong([.. PteScenarios.Names]);
        var folio = new Option<string>("--folio") { Description = "Folio size the region is faulted in with.", DefaultValueFactory = _ => "64K", HelpName = "SIZE" };
        var size = new Option<string?>("--size") { Description = "Region size, at most one PTE table. Without it: two folios, at least 32 pages.", HelpName = "SIZE" };
        var first = new Option<int>("--first") { Description = "First entry drawn, as an index into the region; 0 without it.", HelpName = "N" };
        var count = new Option<int?>("--count") { Description = "Entries drawn. Without it: the region, at most 64.", HelpName = "N" };
        var svg = new Option<string?>("--svg") { Description = "Also write the picture as SVG to FILE.", HelpName = "FILE" };
        var format = new OutputFormatOptions();
        var command = new Command("render",
            "Run a scenario and draw a range of its PTE table: present entries, PFN runs, contiguous blocks (PTE_CONT, NAPOT), "
            + "young/dirty/write per entry and the ptep_get() view a walker's entry is gathered into.")
        {
            scenario, folio, size, first, count, svg,
        };
        format.AddTo(command);
        command.SetAction(parse => CommandRunner.Run(parse, context, globals, services =>
        {
            var svgPath = parse.GetValue(svg);
            if (svgPath is not null && SvgFiles.CheckFile("--svg", svgPath) is { } svgProblem)
            {
                return CliErrors.Write(context, svgProblem);
            }

            var arch = services.GetRequiredService<ArchInstance>();
            var page = arch.Geometry.PageSize;
            if (!ByteSize.TryParse(parse.GetValue(folio)!, out var folioBytes))
            {
                return CliErrors.Write(context, $"--folio '{parse.GetValue(folio)}' is not a size such as 64K.");
            }

            var region = Math.Max(2 * folioBytes, 32 * page);
            if (parse.GetValue(size) is { } sizeText && !ByteSize.TryParse(sizeText, out region))
            {
                return CliErrors.Write(context, $"--size '{sizeText}' is not a size such as 128K.");
            }

            if (PteScenarios.Check(arch, folioBytes, region) is { } problem)
            {
                return CliErrors.Write(context, problem);
            }

            var entries = (int)(region / page);
            var from = parse.GetValue(first);
            var n = parse.GetValue(count) ?? Math.Min(entries - Math.Max(from, 0), 64);
            if (from < 0 || from >= entries || n < 1 || from + n > entries)
            {
                return CliErrors.Write(context, $"--first {from} --count {n} is not inside the region's {entries} entries (0..{entries - 1}).");
            }

            var name = parse.GetValue(scenario)!;
            var run = PteScenarios.Run(arch, name, folioBytes, region, services.GetRequiredService<TraceSession>().Recorder);
            var picture = PteRangePicture.Capture(arch, run.Table, run.FirstIndex + from, n, run.Title, run.CallStart, run.CallNr);
            if (svgPath is not null)
            {
                SvgFiles.Write(svgPath, [picture]);
            }

            switch (format.Get(parse))
            {
                case OutputFormat.Json:
                    PteJsonWriter.Write(name, [picture], context.Out);
                    break;
                case OutputFormat.Csv:
                    PteCsvWriter.Write(name, [picture], context.Out);
                    break;
                default:
                    PteTerminalView.Write(ConsoleFactory.Create(context), [picture]);
                    break;
            }

            return ExitCodes.Ok;
        }));
        return command;
    }
}
