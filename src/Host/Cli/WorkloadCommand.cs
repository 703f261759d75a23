using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using ArchPgtable.Mm.Workload;
using ArchPgtable.Plugins;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace ArchPgtable.Host.Cli;

/// <summary>
/// <c>archpgtable workload</c>: the seeded random workload (<see cref="RandomWorkload"/>) on the selected arch and
/// machine, every mm operation from every agent under the data, permission and isolation oracles; a summary of findings
/// with the replay line; exit 1 on any finding.
/// </summary>
internal static class WorkloadCommand
{
    private static readonly string[] PathNames = ["mixed", "old", "new", "bad-mremap", "bad-mprotect"];

    public static Command Create(GlobalOptions globals, CliContext context)
    {
        var ops = new Option<long>("--ops")
        {
            Description = "Operations to run.",
            DefaultValueFactory = _ => 100_000,
            HelpName = "N",
        };
        ops.Validators.Add(r =>
        {
            // Only a value that parsed as a number gets this check; one that did not already has the parser's error.
            if (r.Tokens.Count == 1 && long.TryParse(r.Tokens[0].Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n < 1)
            {
                r.AddError($"--ops must be at least 1 (got {n}).");
            }
        });
        var seed = new Option<int>("--seed")
        {
            Description = "The seed of every choice (a 32-bit integer); the same seed, --ops and configuration replay the same run.",
            DefaultValueFactory = _ => 1,
            HelpName = "S",
        };
        var paths = new Option<string>("--paths")
        {
            Description = "Which algorithm of each core-mm path runs: mixed (old or new at random per call), old, new; "
                + "bad-mremap / bad-mprotect inject a known-bad batched variant (the oracles find bad-mprotect; "
                + "bad-mremap needs a state the random mix rarely builds).",
            DefaultValueFactory = _ => "mixed",
            HelpName = string.Join('|', PathNames),
        };
        paths.AcceptOnlyFromAmong(PathNames);
        var pages = new Option<int>("--pages")
        {
            Description = "Pages in each of the workload's two regions (16..65536).",
            DefaultValueFactory = _ => 256,
            HelpName = "N",
        };
        pages.Validators.Add(r =>
        {
            if (r.Tokens.Count == 1 && int.TryParse(r.Tokens[0].Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n is < 16 or > 65536)
            {
                r.AddError($"--pages must be 16..65536 (got {n}).");
            }
        });
        var pmdThp = new Option<bool>("--pmd-thp")
        {
            Description = "Also enable the PMD order: faults map PMD-mapped THPs where a region covers an aligned PMD (give --pages of "
                + "at least two PMDs, 1024 on 4 KiB pages), and the partial operations split them. Off by default.",
        };
        var format = new OutputFormatOptions();
        var command = new Command("workload",
            "The seeded random workload: reads and writes from every agent, MADV_FREE, MADV_COLD, aging, reclaim, mprotect, mremap, "
            + "fork, munmap — old and new algorithms — under the data, permission and isolation oracles; exit 1 on any finding.")
        {
            ops, seed, paths, pages, pmdThp,
        };
        format.AddTo(command);
        command.SetAction(parse => CommandRunner.Run(parse, context, globals, services =>
        {
            var arch = services.GetRequiredService<ArchInstance>();
            var machine = services.GetRequiredService<ArchPgtable.Machines.MachineDescription>();
            var options = new WorkloadOptions
            {
                Ops = parse.GetValue(ops),
                Seed = parse.GetValue(seed),
                Pages = parse.GetValue(pages),
                Paths = Parse(parse.GetValue(paths)!),
                PmdThp = parse.GetValue(pmdThp),
            };
            var pmdPages = arch.Geometry.PtrsPerPte;
            if (options.PmdThp && options.Pages < 2 * pmdPages)
            {
                context.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"archpgtable: warning: --pmd-thp with --pages {options.Pages}: a region needs at least {2 * pmdPages} pages (two PMDs) to cover an aligned PMD wherever it starts; fewer may map no PMD."));
            }

            var workload = new RandomWorkload(arch, machine, options);
            var clock = Stopwatch.StartNew();
            WorkloadResult result;
            if (context.IsTerminal)
            {
                WorkloadResult? done = null;
                ConsoleFactory.Create(context).Progress().Start(ctx =>
                {
                    var task = ctx.AddTask($"workload on {arch.Arch}", maxValue: options.Ops);
                    done = workload.Run(new SyncProgress(n => task.Value = n));
                    task.Value = options.Ops;
                });
                result = done!;
            }
            else
            {
                result = workload.Run();
            }

            clock.Stop();
            var machineArg = parse.GetValue(globals.Machine) is { } m ? $" --machine {m}" : "";
            var replayOps = result.Findings.Count > 0 ? result.Ops : options.Ops;
            var replay = string.Create(CultureInfo.InvariantCulture,
                $"archpgtable workload --arch {arch.Arch}{machineArg} --seed {options.Seed} --ops {replayOps}{(options.Paths == WorkloadPaths.Mixed ? "" : $" --paths {WorkloadReport.Name(options.Paths)}")}{(options.Pages == 256 ? "" : $" --pages {options.Pages}")}{(options.PmdThp ? " --pmd-thp" : "")}");
            var report = new WorkloadReport(arch.Arch, arch.Description, parse.GetValue(globals.Machine) is null ? null : machine.Name, options.Seed, options.Paths, options.PmdThp, result, clock.Elapsed.TotalMilliseconds, replay);
            switch (format.Get(parse))
            {
                case OutputFormat.Json:
                    WorkloadReportWriter.Json(report, context.Out);
                    break;
                case OutputFormat.Csv:
                    WorkloadReportWriter.Csv(report, context.Out);
                    break;
                default:
                    WorkloadReportWriter.Text(report, context.Out);
                    break;
            }

            return result.Findings.Count == 0 ? ExitCodes.Ok : ExitCodes.CheckFailed;
        }));
        return command;
    }

    /// <summary>Reports on the workload's own thread (<see cref="Progress{T}"/> would post to the thread pool).</summary>
    private sealed class SyncProgress(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }

    private static WorkloadPaths Parse(string name) => name switch
    {
        "old" => WorkloadPaths.Old,
        "new" => WorkloadPaths.New,
        "bad-mremap" => WorkloadPaths.BadMremap,
        "bad-mprotect" => WorkloadPaths.BadMprotect,
        _ => WorkloadPaths.Mixed,
    };
}
