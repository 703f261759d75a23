using System.Globalization;
using ArchPgtable.Mm.Experiments;
using ArchPgtable.Plugins;
using Spectre.Console;

namespace ArchPgtable.Host.Cli;

/// <summary>One experiment with its checked region and folio sizes, ready to run.</summary>
internal sealed record ExperimentPlan(Experiment Experiment, ulong RegionBytes, IReadOnlyList<ulong> Modelled, IReadOnlyList<ulong> NotModelled)
{
    /// <summary>Checks the options against the experiment and the arch; the plan, or one sentence saying what is wrong.</summary>
    public static (ExperimentPlan? Plan, string? Error) Make(Experiment e, ExperimentSetup setup, string? sizeText, string? folioText)
    {
        var arch = setup.Arch;
        if (e.Check(setup) is { } problem)
        {
            return (null, problem);
        }

        var region = e.DefaultRegionBytes;
        if (sizeText is not null && !ByteSize.TryParse(sizeText, out region))
        {
            return (null, $"--size '{sizeText}' is not a size such as 64M or 1G.");
        }

        var sizes = new List<ulong>();
        if (folioText is null)
        {
            // The default list leaves out a size the region cannot hold (the 512M PMD of 64K pages with --size 64M).
            sizes.AddRange(e.DefaultFolios(arch.Geometry, LazyfreeFolios.ThpEnabled(arch)).Where(f => f <= region || f == arch.Geometry.PageSize));
        }
        else
        {
            foreach (var item in folioText.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!ByteSize.TryParse(item, out var f))
                {
                    return (null, $"--folio '{item}' is not a size such as 64K.");
                }

                sizes.Add(f);
            }
        }

        var error = Validate(e, arch, region, sizes);
        return error is not null
            ? (null, error)
            : (new ExperimentPlan(e, region, [.. sizes.Where(f => e.IsModelled(arch.Geometry, f))], [.. sizes.Where(f => !e.IsModelled(arch.Geometry, f))]), null);
    }

    /// <summary>Runs every plan, each after its <see cref="HostWarmup"/> (so host_ms is tier-1 code), each row <paramref name="samples"/> times (host_ms their median), with a progress bar on a terminal.</summary>
    public static IReadOnlyList<ExperimentReport> RunAll(CliContext context, ExperimentSetup setup, IReadOnlyList<ExperimentPlan> plans, int samples)
    {
        var rows = plans.Select(_ => new List<ExperimentRow>()).ToList();
        var warmups = new (int Rounds, ulong Bytes)[plans.Count];
        if (context.IsTerminal)
        {
            ConsoleFactory.Create(context).Progress().Start(ctx =>
            {
                for (var i = 0; i < plans.Count; i++)
                {
                    var p = plans[i];
                    var task = ctx.AddTask($"{p.Experiment.Name} {ByteSize.Format(p.RegionBytes)} on {setup.Arch.Arch}", maxValue: Math.Max(1, p.Modelled.Count));
                    task.Description = $"{p.Experiment.Name}: warming up on a throwaway copy";
                    warmups[i] = HostWarmup.Once(p, setup);
                    foreach (var f in p.Modelled)
                    {
                        task.Description = $"{p.Experiment.Name} {ByteSize.Format(p.RegionBytes)} of {ByteSize.Format(f)} folios";
                        rows[i].Add(HostWarmup.MeasuredRow(p.Experiment, setup, p.RegionBytes, f, samples));
                        task.Increment(1);
                    }

                    task.Value = task.MaxValue;
                }
            });
        }
        else
        {
            for (var i = 0; i < plans.Count; i++)
            {
                warmups[i] = HostWarmup.Once(plans[i], setup);
                rows[i].AddRange(plans[i].Modelled.Select(f => HostWarmup.MeasuredRow(plans[i].Experiment, setup, plans[i].RegionBytes, f, samples)));
            }
        }

        return [.. plans.Select((p, i) => new ExperimentReport(p.Experiment, setup.Arch.Arch, setup.Arch.Description, p.RegionBytes, rows[i], p.NotModelled)
        {
            PageSize = setup.Arch.Geometry.PageSize,
            PmdSize = setup.Arch.Geometry.PmdSize,
            Machine = setup.Machine,
            SetupNotes = p.Experiment.SetupNotes(setup),
            HostWarmupRounds = warmups[i].Rounds,
            HostWarmupBytes = warmups[i].Bytes,
            HostSamples = samples,
        })];
    }

    private static string? Validate(Experiment e, ArchInstance arch, ulong region, List<ulong> sizes)
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

            var modelled = e.IsModelled(arch.Geometry, f);
            if (modelled && f > LazyfreeFolios.Largest(arch))
            {
                return $"folio size {ByteSize.Format(f)} is above the largest folio the model allocates on {ByteSize.Format(page)} pages ({ByteSize.Format(LazyfreeFolios.Largest(arch))}).";
            }

            if (!modelled && f < arch.Geometry.PmdSize)
            {
                return $"folio size {ByteSize.Format(f)} is above the largest folio the model allocates on {ByteSize.Format(page)} pages ({ByteSize.Format(LazyfreeFolios.Largest(arch))}).";
            }

            if (modelled && region % f != 0)
            {
                return $"--size {ByteSize.Format(region)} is not a multiple of the folio size {ByteSize.Format(f)}.";
            }
        }

        if (region == 0 || region % page != 0)
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
}
