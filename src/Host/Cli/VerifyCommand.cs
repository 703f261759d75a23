using System.CommandLine;
using ArchPgtable.Host.Verify;
using Microsoft.Extensions.DependencyInjection;

namespace ArchPgtable.Host.Cli;

/// <summary>
/// <c>archpgtable verify</c>: runs the contract suite (ArchPgtable.Contracts) against the selected
/// arch, every plugin found (<c>--all</c>) or the plugins of one assembly (<c>--plugin PATH</c>).
/// Exit 0 when every property holds (a plugin's declared known findings may fail: XFAIL, with
/// their counterexample), 1 when one failed (its shrunk counterexample is printed; with
/// <c>--strict</c> also an XFAIL), 2 for a usage or load error. The whole run is a function of the
/// seed it prints (<c>--seed</c>), so two runs with one seed print the same bytes.
/// </summary>
internal static class VerifyCommand
{
    /// <summary>The flag that lets <c>verify --all</c> run although a plugin file failed to load.</summary>
    public const string SkipBrokenPlugins = "--skip-broken-plugins";

    public static Command Create(GlobalOptions globals, CliContext context)
    {
        var all = new Option<bool>("--all")
        {
            Description = $"Verify every plugin found (in-box and plugins folders), each with the same configuration sources; a plugin file that fails to load is an error unless {SkipBrokenPlugins}.",
        };
        var plugin = new Option<string?>("--plugin")
        {
            Description = "Verify the architecture plugin(s) exported by this assembly file (loaded in its own context, dependencies from its folder).",
            HelpName = "PATH",
        };
        var contract = new ContractRunOptions("Generated cases per property.", "Only the properties of this helper (kernel name, e.g. clear_young_dirty_ptes).");
        var (cases, seed, helper) = (contract.Cases, contract.Seed, contract.Helper);
        var shard = new Option<string?>("--shard")
        {
            Description = "Run only shard I of N (1-based) of the (build, property) work list, split round-robin; the shards of N together give the full run.",
            HelpName = "I/N",
            Validators = { r => ContractRunOptions.Check(r, t => VerifyShard.Parse(t, out var e) is null ? e : null) },
        };
        var strict = new Option<bool>("--strict")
        {
            Description = "Also fail on known findings: properties a plugin declares it violates because upstream does (reported as XFAIL otherwise).",
        };
        var render = new Option<string?>("--render")
        {
            Description = "Write one SVG per failing or XFAIL helper property into DIR: its counterexample's PTE table before and after the call.",
            HelpName = "DIR",
        };
        var skipBroken = new Option<bool>(SkipBrokenPlugins)
        {
            Description = "With --all, verify the plugins that load and only warn about plugin files that fail to load.",
        };
        var format = new OutputFormatOptions(OutputFormat.Ktap);

        var command = new Command("verify",
            "Run the contract properties (core-mm view, write window, folds, arch invariants, TLB safety, hardware races, PTE-format identities) "
            + "against an architecture build; print a shrunk counterexample with a replay seed for each failure.")
        {
            all, plugin, cases, seed, shard, helper, strict, skipBroken, render,
        };
        format.AddTo(command);
        command.Validators.Add(r =>
        {
            if (r.GetValue(all) && r.GetValue(plugin) is not null)
            {
                r.AddError("--all and --plugin cannot be combined.");
            }
        });
        command.SetAction(parse =>
        {
            var renderDir = parse.GetValue(render);
            if (renderDir is not null && VerifyRender.Prepare(renderDir) is { } renderProblem)
            {
                return CliErrors.Write(context, renderProblem);
            }

            var everything = parse.GetValue(all);
            var selects = !everything && parse.GetValue(plugin) is null;
            var brokenIsError = everything && !parse.GetValue(skipBroken) ? $"pass {SkipBrokenPlugins} to verify the others" : null;
            return CommandRunner.Run(parse, context, globals, services =>
            {
                var settings = new VerifySettings(everything, parse.GetValue(plugin), parse.GetValue(cases),
                    contract.GetSeed(parse),
                    parse.GetValue(helper), format.Get(parse), parse.GetValue(strict),
                    parse.GetValue(shard) is { } sh ? VerifyShard.Parse(sh, out _)! : VerifyShard.All,
                    parse.GetValue(skipBroken));
                var targets = VerifyTargets.Resolve(services, settings);
                var run = VerifyRunner.Run(targets, settings, context, services.GetRequiredService<TraceSession>().Recorder);
                VerifyRunner.Write(run, settings.Format, context);
                if (renderDir is not null)
                {
                    var files = VerifyRender.Write(run.Outcomes, renderDir);
                    if (settings.Format == OutputFormat.Text)
                    {
                        context.Out.WriteLine($"render: {files.Count} counterexample picture(s) in {renderDir}");
                    }
                }

                return run.Passed ? ExitCodes.Ok : ExitCodes.CheckFailed;
            }, selects, brokenIsError);
        });
        return command;
    }
}
