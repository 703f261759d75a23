using System.CommandLine;
using System.Globalization;
using System.Reflection;
using ArchPgtable.Contracts.Differential;
using ArchPgtable.Contracts.Running;
using ArchPgtable.Generic;
using ArchPgtable.Host.Configuration;
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
        var cases = new Option<int>("--cases") { Description = "Generated cases per helper (default 200).", DefaultValueFactory = _ => 200, HelpName = "N" };
        var seed = new Option<string?>("--seed") { Description = "CsCheck seed (a difference's seed with --cases 1 replays it).", HelpName = "S" };
        var helper = new Option<string?>("--helper") { Description = "Only this helper (kernel name).", HelpName = "NAME" };
        cases.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() < 1)
            {
                r.AddError("--cases must be at least 1.");
            }
        });
        helper.Validators.Add(r =>
        {
            var name = r.GetValueOrDefault<string?>();
            if (name is not null && !ContractSuite.HelperNames.Contains(name))
            {
                r.AddError($"unknown helper '{name}'; known: {string.Join(", ", ContractSuite.HelperNames)}.");
            }
        });
        var command = new Command("diff",
            "Differential test: the arch plugin's C# helpers against the --kernel-tree's own C helpers on generated states and calls; "
            + "exit 1 on a difference (shrunk, both implementations named).")
        {
            cases, seed, helper,
        };
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
            var results = DifferentialSuite.Compare(
                new DiffSide(model, "model", ModelImplementations(model.Ops)),
                new DiffSide(native, "native", NativeImplementations(native.Ops)),
                new ContractOptions { Cases = parse.GetValue(cases), Seed = parse.GetValue(seed), Helper = parse.GetValue(helper) });
            var explained = NativeArch.BuildInfoOf(native.Ops)?.KnownDifferences.ToDictionary(d => d.Helper, d => d.Explanation) ?? [];
            Write(results, explained, selection.Arch, native, options, context.Out);
            return results.All(r => r.Passed || explained.ContainsKey(r.Helper)) ? ExitCodes.Ok : ExitCodes.CheckFailed;
        }));
        return command;
    }

    private static void Write(IReadOnlyList<PropertyResult> results, Dictionary<string, string> explained, string arch, ArchInstance native,
        ArchPgtableOptions options, TextWriter output)
    {
        output.WriteLine($"{arch}: model plugin vs {native.Description}");
        foreach (var r in results)
        {
            if (r.Passed)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  SAME {r.Helper} ({r.Cases} cases)"));
                continue;
            }

            var why = explained.GetValueOrDefault(r.Helper);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {(why is null ? "DIFF" : "EXPLAINED")} {r.Helper} ({r.Cases} cases)"));
            if (why is not null)
            {
                output.WriteLine($"    known difference: {why}");
            }

            foreach (var line in r.Counterexample!.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                output.WriteLine("    " + line.TrimEnd('\r'));
            }

            output.WriteLine($"    replay: archpgtable diff --arch {arch}{NativeComposer.ReplayArgs(options)} --helper {r.Helper} --seed {r.Seed} --cases 1 (with the same --config/--set)");
        }

        var differ = results.Count(r => !r.Passed && !explained.ContainsKey(r.Helper));
        var known = results.Count(r => !r.Passed && explained.ContainsKey(r.Helper));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{arch}: {(differ == 0 ? "no unexplained difference" : $"{differ} helper(s) differ")} ({results.Count} helpers compared, {known} explained difference(s))"));
        output.Flush();
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
