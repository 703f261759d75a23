using System.CommandLine;
using ArchPgtable.Machines;
using ArchPgtable.Mm.Experiments;
using ArchPgtable.Plugins;
using Microsoft.Extensions.DependencyInjection;

namespace ArchPgtable.Host.Cli;

/// <summary>
/// <c>archpgtable experiment NAME|list|all</c>: one experiment of <see cref="ExperimentCatalog"/>, the list, or every
/// one; <c>archpgtable lazyfree</c> is <c>experiment lazyfree</c>.
/// </summary>
internal static class ExperimentCommand
{
    public static Command Create(GlobalOptions globals, CliContext context)
    {
        var options = new ExperimentOptions();
        var name = new Argument<string>("NAME")
        {
            Description = $"The experiment ({string.Join(", ", ExperimentCatalog.All.Select(e => e.Name))}), 'list' to list them, or 'all' to run every one.",
        };
        var command = new Command("experiment",
            "Reproduce a published batching table: old and new path per folio size, simulated time and exact event counts (PTE reads/writes, "
            + "atomics, TLB flushes, folds, unfolds, splits, folio lookups, faults) beside the published numbers.")
        {
            name,
        };
        options.AddTo(command);
        command.SetAction(parse =>
        {
            var which = parse.GetValue(name)!;
            if (which.Equals("list", StringComparison.OrdinalIgnoreCase))
            {
                return List(context, options.Format.Get(parse));
            }

            IReadOnlyList<Experiment> experiments;
            if (which.Equals("all", StringComparison.OrdinalIgnoreCase))
            {
                experiments = ExperimentCatalog.All;
            }
            else if (ExperimentCatalog.Find(which) is { } one)
            {
                experiments = [one];
            }
            else
            {
                return CliErrors.Write(context, $"unknown experiment '{which}'; experiments: {string.Join(", ", ExperimentCatalog.All.Select(e => e.Name))} (or list, all).");
            }

            return Execute(parse, context, globals, options, experiments, all: experiments.Count > 1);
        });
        return command;
    }

    /// <summary><c>lazyfree</c>: the same as <c>experiment lazyfree</c>.</summary>
    public static Command CreateLazyfree(GlobalOptions globals, CliContext context)
    {
        var options = new ExperimentOptions();
        var command = new Command("lazyfree",
            "MADV_FREE of a region backed by large folios, before (split every folio) and after (batched "
            + "clear_young_dirty_ptes) the v6.10 series: simulated time, PTE writes, atomics, TLB flushes, "
            + "contpte folds/unfolds and folio splits per folio size, beside the published i5 change. The same as 'experiment lazyfree'.");
        options.AddTo(command);
        command.SetAction(parse => Execute(parse, context, globals, options, [ExperimentCatalog.Find("lazyfree")!], all: false));
        return command;
    }

    private static int List(CliContext context, OutputFormat format)
    {
        switch (format)
        {
            case OutputFormat.Json:
                var array = new System.Text.Json.Nodes.JsonArray([.. ExperimentCatalog.All.Select(e => (System.Text.Json.Nodes.JsonNode)new System.Text.Json.Nodes.JsonObject
                {
                    ["name"] = e.Name, ["title"] = e.Title, ["old"] = e.OldLabel, ["new"] = e.NewLabel, ["published"] = e.Published.Source,
                    ["size_bytes"] = e.DefaultRegionBytes, ["fitted"] = e.CostModel.Fitted, ["predicted"] = e.CostModel.Predicted,
                })]);
                context.Out.WriteLine(new System.Text.Json.Nodes.JsonObject { ["experiments"] = array }.ToJsonString(new() { WriteIndented = true }));
                break;
            case OutputFormat.Csv:
                var csv = new CsvWriter(context.Out);
                csv.Row("name", "title", "size_bytes", "published");
                foreach (var e in ExperimentCatalog.All)
                {
                    csv.Row(e.Name, e.Title, e.DefaultRegionBytes, e.Published.Source);
                }

                break;
            default:
                var table = new TextTable([("name", true), ("size", false), ("what", true)]);
                foreach (var e in ExperimentCatalog.All)
                {
                    table.Add(e.Name, ByteSize.Format(e.DefaultRegionBytes), e.Title.Length > 58 ? e.Title[..55] + "..." : e.Title);
                }

                table.Write(context.Out);
                context.Out.WriteLine("not yet: mprotect, mremap, reclaim (their old paths are not modelled yet)");
                break;
        }

        context.Out.Flush();
        return ExitCodes.Ok;
    }

    private static int Execute(ParseResult parse, CliContext context, GlobalOptions globals, ExperimentOptions options, IReadOnlyList<Experiment> experiments, bool all) =>
        CommandRunner.Run(parse, context, globals, services =>
        {
            var (samples, samplesError) = options.GetHostSamples(parse);
            if (samplesError is not null)
            {
                return CliErrors.Write(context, samplesError);
            }

            var plot = parse.GetValue(options.Plot);
            if (plot is not null)
            {
                if (ExperimentPlot.Check(plot) is { } problem)
                {
                    return CliErrors.Write(context, problem);
                }

                if (all && !plot.Contains("{name}", StringComparison.Ordinal))
                {
                    return CliErrors.Write(context, $"--plot '{plot}' names one file; with 'experiment all' put {{name}} in it (e.g. plots/{{name}}.svg).");
                }
            }

            var arch = services.GetRequiredService<ArchInstance>();
            var machine = services.GetRequiredService<MachineDescription>();
            var setup = new ExperimentSetup(arch)
            {
                Trace = services.GetRequiredService<TraceSession>().Recorder,
                Machine = machine == arch.MachineSupportOrDefault.Default ? null : machine,
            };
            var plans = new List<ExperimentPlan>();
            foreach (var e in experiments)
            {
                var (plan, error) = ExperimentPlan.Make(e, setup, parse.GetValue(options.Size), parse.GetValue(options.Folio));
                if (error is not null && all && e.Check(setup) is not null)
                {
                    context.Error.WriteLine($"archpgtable: warning: {e.Name} skipped: {error}");
                    continue;
                }

                if (error is not null)
                {
                    return CliErrors.Write(context, error);
                }

                plans.Add(plan!);
            }

            var reports = ExperimentPlan.RunAll(context, setup, plans, samples);
            switch (options.Format.Get(parse))
            {
                case OutputFormat.Json when all:
                    ExperimentJsonWriter.WriteAll(reports, context.Out);
                    break;
                case OutputFormat.Json:
                    ExperimentJsonWriter.Write(reports[0], context.Out);
                    break;
                case OutputFormat.Csv:
                    ExperimentCsvWriter.Write(reports, context.Out);
                    break;
                default:
                    for (var i = 0; i < reports.Count; i++)
                    {
                        if (i > 0)
                        {
                            context.Out.WriteLine();
                        }

                        ExperimentTextWriter.Write(reports[i], context.Out);
                    }

                    break;
            }

            if (plot is not null)
            {
                foreach (var r in reports)
                {
                    ExperimentPlot.Write(r, plot.Replace("{name}", r.Experiment.Name, StringComparison.Ordinal));
                }
            }

            return reports.Any(r => r.Livelocks.Any()) ? ExitCodes.CheckFailed : ExitCodes.Ok;
        });
}
