using System.CommandLine;
using System.Globalization;
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
    public static Command Create(GlobalOptions globals, CliContext context)
    {
        var size = new Option<string>("--size")
        {
            Description = "Region size per folio size (e.g. 64M, 1G); capped by the host memory the simulation needs.",
            DefaultValueFactory = _ => "1G",
            HelpName = "SIZE",
        };
        var folios = new Option<string?>("--folio")
        {
            Description = "Comma-separated folio sizes (e.g. 16K,64K). Without it: the base page and every anon mTHP size up to the PMD size "
                + "(4K..1M and 2M on 4K pages); only the base page with CONFIG_TRANSPARENT_HUGEPAGE=n.",
            HelpName = "LIST",
        };
        var format = new OutputFormatOptions();
        var command = new Command("lazyfree",
            "MADV_FREE of a region backed by large folios, before (split every folio) and after (batched "
            + "clear_young_dirty_ptes) the v6.10 series: simulated time, PTE writes, atomics, TLB flushes, "
            + "contpte folds/unfolds and folio splits per folio size, beside the published i5 change.")
        {
            size, folios,
        };
        format.AddTo(command);
        command.SetAction(parse => CommandRunner.Run(parse, context, globals, services =>
        {
            if (!ByteSize.TryParse(parse.GetValue(size)!, out var region))
            {
                return CliErrors.Write(context, $"--size '{parse.GetValue(size)}' is not a size such as 64M or 1G.");
            }

            var arch = services.GetRequiredService<ArchInstance>();
            var sizes = new List<ulong>();
            if (parse.GetValue(folios) is not { } list)
            {
                sizes.AddRange(LazyfreeFolios.Default(arch));
            }
            else
            {
                foreach (var item in list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    if (!ByteSize.TryParse(item, out var f))
                    {
                        return CliErrors.Write(context, $"--folio '{item}' is not a size such as 64K.");
                    }

                    sizes.Add(f);
                }
            }

            var machine = services.GetRequiredService<ArchPgtable.Machines.MachineDescription>();
            var experiment = new LazyfreeExperiment(arch)
            {
                Trace = services.GetRequiredService<TraceSession>().Recorder,
                Machine = machine == arch.MachineSupportOrDefault.Default ? null : machine,
            };
            var problem = Validate(arch, region, sizes, experiment);
            if (problem is not null)
            {
                return CliErrors.Write(context, problem);
            }

            var report = Run(context, arch, experiment, region, sizes) with { Machine = experiment.Machine };
            switch (format.Get(parse))
            {
                case OutputFormat.Json:
                    LazyfreeJsonWriter.Write(report, context.Out);
                    break;
                case OutputFormat.Csv:
                    LazyfreeCsvWriter.Write(report, context.Out);
                    break;
                default:
                    LazyfreeTextWriter.Write(report, context.Out);
                    break;
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

            if (f > page && !LazyfreeFolios.ThpEnabled(arch))
            {
                return $"folio size {ByteSize.Format(f)} needs CONFIG_TRANSPARENT_HUGEPAGE=y; with it off only {ByteSize.Format(page)} base pages are mapped.";
            }

            if (!experiment.IsPmdMapped(f) && f > LazyfreeFolios.Largest(arch))
            {
                return $"folio size {ByteSize.Format(f)} is above the largest folio the model allocates on {ByteSize.Format(page)} pages ({ByteSize.Format(LazyfreeFolios.Largest(arch))}).";
            }

            if (!experiment.IsPmdMapped(f) && region % f != 0)
            {
                return $"--size {ByteSize.Format(region)} is not a multiple of the folio size {ByteSize.Format(f)}.";
            }
        }

        if (region % page != 0)
        {
            return $"--size {ByteSize.Format(region)} is not a multiple of the page size.";
        }

        var needed = LazyfreeMemory.Needed(arch, region);
        var available = LazyfreeMemory.Available;
        return needed > available / 2
            ? string.Create(CultureInfo.InvariantCulture,
                $"--size {ByteSize.Format(region)} needs about {needed / (1 << 20):0} MiB of host memory to simulate ({LazyfreeMemory.BytesPerPage:0} bytes per {ByteSize.Format(page)} page); no more than half of the {available / (1 << 20)} MiB available may be used.")
            : null;
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

        // The published i5 figures were measured with 4K pages; on other page sizes they describe other folios.
        var published = arch.Geometry.PageSize == 4096;
        return new LazyfreeReport(arch.Arch, arch.Description, region,
            [.. rows.Select(r => published ? r : r with { PublishedChange = null })],
            notModelled)
        {
            PageSize = arch.Geometry.PageSize,
        };
    }
}
