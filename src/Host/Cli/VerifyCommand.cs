using System.CommandLine;
using ArchPgtable.Contracts.Running;
using ArchPgtable.Host.Verify;
using Microsoft.Extensions.DependencyInjection;

namespace ArchPgtable.Host.Cli;

/// <summary>
/// <c>archpgtable verify</c>: runs the contract suite (ArchPgtable.Contracts) against the selected
/// arch, every plugin found (<c>--all</c>) or the plugins of one assembly (<c>--plugin PATH</c>).
/// Exit 0 when every property holds (a plugin's declared known findings may fail: XFAIL, with
/// their counterexample), 1 when one failed (its shrunk counterexample is printed; with
/// <c>--strict</c> also an XFAIL), 2 for a usage or load error.
/// </summary>
internal static class VerifyCommand
{
    public static Command Create(GlobalOptions globals, CliContext context)
    {
        var all = new Option<bool>("--all") { Description = "Verify every plugin found (in-box and plugins folders), each with the same configuration sources." };
        var plugin = new Option<string?>("--plugin")
        {
            Description = "Verify the architecture plugin(s) exported by this assembly file (loaded in its own context, dependencies from its folder).",
            HelpName = "PATH",
        };
        var cases = new Option<int>("--cases") { Description = "Generated cases per property (default 200).", DefaultValueFactory = _ => 200, HelpName = "N" };
        var seed = new Option<string?>("--seed")
        {
            Description = "CsCheck seed: each property's first case is generated from it. A counterexample's seed with --cases 1 replays it exactly.",
            HelpName = "S",
        };
        var helper = new Option<string?>("--helper") { Description = "Only the properties of this helper (kernel name, e.g. clear_young_dirty_ptes).", HelpName = "NAME" };
        var strict = new Option<bool>("--strict")
        {
            Description = "Also fail on known findings: properties a plugin declares it violates because upstream does (reported as XFAIL otherwise).",
        };
        var render = new Option<string?>("--render")
        {
            Description = "Write one SVG per failing or XFAIL helper property into DIR: its counterexample's PTE table before and after the call.",
            HelpName = "DIR",
        };
        var format = new Option<string>("--format") { Description = "Report format.", DefaultValueFactory = _ => "text", HelpName = "text|json|ktap" };
        format.AcceptOnlyFromAmong("text", "json", "ktap");
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

        var command = new Command("verify",
            "Run the contract properties (core-mm view, write window, folds, arch invariants, TLB safety, hardware races, PTE-format identities) "
            + "against an architecture build; print a shrunk counterexample with a replay seed for each failure.")
        {
            all, plugin, cases, seed, helper, format, strict, render,
        };
        command.Validators.Add(r =>
        {
            if (r.GetValue(all) && r.GetValue(plugin) is not null)
            {
                r.AddError("--all and --plugin cannot be combined.");
            }
        });
        command.SetAction(parse => CommandRunner.Run(parse, context, globals, services =>
        {
            var renderDir = parse.GetValue(render);
            if (renderDir is not null && VerifyRender.Prepare(renderDir) is { } renderProblem)
            {
                return CliErrors.Write(context, renderProblem);
            }

            var settings = new VerifySettings(parse.GetValue(all), parse.GetValue(plugin), parse.GetValue(cases),
                parse.GetValue(seed), parse.GetValue(helper), parse.GetValue(format) ?? "text", parse.GetValue(strict));
            var targets = VerifyTargets.Resolve(services, settings);
            var outcomes = VerifyRunner.Run(targets, settings, context, services.GetRequiredService<TraceSession>().Recorder);
            VerifyRunner.Write(outcomes, settings.Format, context);
            if (renderDir is not null)
            {
                var files = VerifyRender.Write(outcomes, renderDir);
                if (settings.Format == "text")
                {
                    context.Out.WriteLine($"render: {files.Count} counterexample picture(s) in {renderDir}");
                }
            }

            return outcomes.All(o => o.Passed) ? ExitCodes.Ok : ExitCodes.CheckFailed;
        }));
        return command;
    }
}
