using System.CommandLine;
using ArchPgtable.Mm.Experiments;
using ArchPgtable.Plugins;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace ArchPgtable.Host.Cli;

/// <summary>
/// <c>archpgtable lazyfree</c>: the cover letter's experiment on the selected arch — map a region of
/// anonymous memory per folio size, write every page, MADV_FREE all of it with the old and the new
/// algorithm, and compare what each cost.
/// </summary>
internal static class LazyfreeCommand
{
    private const string DefaultFolios = "4K,16K,32K,64K,128K,256K,512K,1M,2M";

    public static Command Create(GlobalOptions globals, CliContext context)
    {
        var size = new Option<string>("--size") { Description = "Region size per folio size (e.g. 64M, 1G).", DefaultValueFactory = _ => "1G" };
        var folios = new Option<string>("--folio") { Description = "Comma-separated folio sizes.", DefaultValueFactory = _ => DefaultFolios };
        var json = new Option<bool>("--json") { Description = "Write the rows as JSON instead of a table." };
        var command = new Command("lazyfree",
            "MADV_FREE of a region backed by large folios, before (split every folio) and after (batched "
            + "clear_young_dirty_ptes) the v6.10 series: simulated time, PTE writes, atomics, TLB flushes, "
            + "contpte folds/unfolds and folio splits per folio size, beside the published i5 change.")
        {
            size, folios, json,
        };
        command.SetAction(parse => CommandRunner.Run(parse, context, globals, services =>
        {
            if (!ByteSize.TryParse(parse.GetValue(size)!, out var region))
            {
                return CliErrors.Write(context, $"--size '{parse.GetValue(size)}' is not a size such as 64M or 1G.");
            }

            var sizes = new List<ulong>();
            foreach (var item in parse.GetValue(folios)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!ByteSize.TryParse(item, out var f))
                {
                    return CliErrors.Write(context, $"--folio '{item}' is not a size such as 64K.");
                }

                sizes.Add(f);
            }

            var arch = services.GetRequiredService<ArchInstance>();
            var machine = services.GetRequiredService<ArchPgtable.Machines.MachineDescription>();
            var experiment = new LazyfreeExperiment(arch)
            {
                Machine = machine == arch.MachineSupportOrDefault.Default ? null : machine,
            };
            var problem = Validate(arch, region, sizes, experiment);
            if (problem is not null)
            {
                return CliErrors.Write(context, problem);
            }

            var report = Run(context, arch, experiment, region, sizes) with { Machine = experiment.Machine };
            if (parse.GetValue(json))
            {
                LazyfreeJsonWriter.Write(report, context.Out);
            }
            else
            {
                LazyfreeTextWriter.Write(report, ConsoleFactory.Create(context));
            }

            return report.Livelocks.Any() ? ExitCodes.CheckFailed : ExitCodes.Ok;
        }));
        return command;
    }

    private static string? Validate(ArchInstance arch, ulong region, List<ulong> sizes, LazyfreeExperiment experiment)
    {
        var page = arch.Geometry.PageSize;
        if (sizes.Count == 0)
        {
            return "--folio names no folio size.";
        }

        foreach (var f in sizes)
        {
            if (f < page || f % page != 0 || !ulong.IsPow2(f / page))
            {
                return $"folio size {ByteSize.Format(f)} is not a power-of-two multiple of {arch.Arch}'s {ByteSize.Format(page)} page.";
            }

            if (!experiment.IsPmdMapped(f) && region % f != 0)
            {
                return $"--size {ByteSize.Format(region)} is not a multiple of the folio size {ByteSize.Format(f)}.";
            }
        }

        return region % page != 0 ? $"--size {ByteSize.Format(region)} is not a multiple of the page size." : null;
    }

    private static LazyfreeReport Run(CliContext context, ArchInstance arch, LazyfreeExperiment experiment, ulong region, List<ulong> sizes)
    {
        var modelled = sizes.Where(f => !experiment.IsPmdMapped(f)).ToList();
        var notModelled = sizes.Where(experiment.IsPmdMapped).ToList();
        var rows = new List<LazyfreeRow>();
        if (context.IsTerminal)
        {
            ConsoleFactory.Create(context).Progress().Start(ctx =>
            {
                var task = ctx.AddTask($"lazyfree {ByteSize.Format(region)} on {arch.Arch}", maxValue: modelled.Count);
                foreach (var f in modelled)
                {
                    task.Description = $"lazyfree {ByteSize.Format(region)} of {ByteSize.Format(f)} folios";
                    rows.Add(experiment.Run(region, f));
                    task.Increment(1);
                }
            });
        }
        else
        {
            rows.AddRange(modelled.Select(f => experiment.Run(region, f)));
        }

        return new LazyfreeReport(arch.Arch, arch.Description, region, rows, notModelled);
    }
}
