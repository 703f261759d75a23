using System.CommandLine;
using System.Reflection;
using ArchPgtable.Contracts.Differential;
using ArchPgtable.Contracts.Running;
using ArchPgtable.Generic;
using ArchPgtable.Hosting.Configuration;
using ArchPgtable.Native;
using ArchPgtable.Plugins;
using Microsoft.Extensions.DependencyInjection;

namespace ArchPgtable.Host.Cli;

/// <summary>
/// <c>archpgtable diff --kernel-tree TREE [--arch A]</c>: the selected arch plugin's C# helpers against the
/// tree's C helpers on the contract generator's states and calls (raw entries after setup and after the
/// call, return value, TLB maintenance counts); a difference is shrunk and printed with both implementations named.
/// </summary>
internal static class DiffCommand
{
    public static Command Create(GlobalOptions globals, CliContext context)
    {
        var contract = new ContractRunOptions("Generated cases per helper.", "Only this helper (kernel name).");
        var format = new OutputFormatOptions();
        var command = new Command("diff",
            "Differential test: the arch plugin's C# helpers against the --kernel-tree's own C helpers on generated states and calls; "
            + "exit 1 on a difference (shrunk, both implementations named).")
        {
            contract.Cases, contract.Seed, contract.Helper,
        };
        format.AddTo(command);
        command.SetAction(parse => CommandRunner.Run(parse, context, globals, services =>
        {
            var options = services.GetRequiredService<ArchPgtableOptions>();
            if (options.KernelTree is null)
            {
                throw new ArchPgtableConfigurationException("diff needs --kernel-tree (the C helpers to compare the plugin with).");
            }

            var selection = services.GetRequiredService<ArchSelection>();
            var native = services.GetRequiredService<ArchInstance>();
            var model = ArchComposer.Build(selection, services.GetRequiredService<ConfigurationSources>());
            var seed = contract.GetSeed(parse);
            var trace = services.GetRequiredService<TraceSession>().Recorder;
            trace?.BeginProcess($"diff {selection.Arch}: model vs native");
            var results = DifferentialSuite.Compare(
                new DiffSide(trace is null ? model : trace.Instrument(model, "model"), "model", ModelImplementations(model.Ops)),
                new DiffSide(trace is null ? native : trace.Instrument(native, "native"), "native", NativeImplementations(native.Ops)),
                new ContractOptions { Cases = parse.GetValue(contract.Cases), RunSeed = seed.RunSeed, Seed = seed.Token, Helper = parse.GetValue(contract.Helper) });
            var explained = NativeArch.BuildInfoOf(native.Ops)?.KnownDifferences.ToDictionary(d => d.Helper, d => d.Explanation) ?? [];
            var report = new DiffReport(selection.Arch, native.Description, seed, results, explained,
                r => $"archpgtable diff --arch {selection.Arch}{NativeComposer.ReplayArgs(options)} --helper {r.Helper} --seed {r.Seed} --cases 1");
            switch (format.Get(parse))
            {
                case OutputFormat.Json:
                    DiffReportWriter.Json(report, context.Out);
                    break;
                case OutputFormat.Csv:
                    DiffReportWriter.Csv(report, context.Out);
                    break;
                default:
                    DiffReportWriter.Text(report, context.Out);
                    break;
            }

            return report.Passed ? ExitCodes.Ok : ExitCodes.CheckFailed;
        }));
        return command;
    }

    private static Dictionary<string, string> ModelImplementations(IPageTableOps ops)
    {
        var members = typeof(IPageTableOps).GetMethods()
            .Select(m => (m.Name, Helper: m.GetCustomAttribute<KernelHelperAttribute>()?.Name))
            .Where(m => m.Helper is not null)
            .ToDictionary(m => m.Helper!, m => m.Name);
        return HelperBindings.Describe(ops).ToDictionary(
            b => b.Name,
            b => $"C# {(b.IsOverride ? ops.GetType().Name : nameof(GenericPageTableOps))}.{members.GetValueOrDefault(b.Name, b.Name)}Core [{b.Impl}]");
    }

    private static Dictionary<string, string> NativeImplementations(IPageTableOps ops)
    {
        var info = NativeArch.BuildInfoOf(ops);
        if (info is null)
        {
            return [];
        }

        return info.Helpers.ToDictionary(
            h => h.Helper,
            h => $"C {h.Function}() at {h.File}:{h.Line}{(h.Calls.Count == 0 ? "" : " → " + string.Join(", ", h.Calls))}");
    }
}
