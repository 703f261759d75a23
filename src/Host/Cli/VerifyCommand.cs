using System.CommandLine;
using System.Globalization;
using ArchPgtable.Contracts.Running;
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
        var cases = new Option<int>("--cases")
        {
            Description = "Generated cases per property.",
            DefaultValueFactory = _ => 200,
            HelpName = "N",
            CustomParser = r =>
            {
                var text = r.Tokens.Count > 0 ? r.Tokens[0].Value : "";
                if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1)
                {
                    return n;
                }

                r.AddError($"--cases '{text}' is not a whole number from 1 to {int.MaxValue}.");
                return 0;
            },
        };
        var seed = new Option<string?>("--seed")
        {
            Description = "Run seed: any 64-bit integer (negative allowed), making the whole run deterministic; or a replay token a counterexample printed "
                + "(with --helper and --cases 1 it replays that case). Without it a random run seed is drawn and printed.",
            HelpName = "S",
            Validators = { r => Check(r, t => VerifySeed.Parse(t, out var e) is null ? e : null) },
        };
        var shard = new Option<string?>("--shard")
        {
            Description = "Run only shard I of N (1-based) of the (build, property) work list, split round-robin; the shards of N together give the full run.",
            HelpName = "I/N",
            Validators = { r => Check(r, t => VerifyShard.Parse(t, out var e) is null ? e : null) },
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
        var skipBroken = new Option<bool>(SkipBrokenPlugins)
        {
            Description = "With --all, verify the plugins that load and only warn about plugin files that fail to load.",
        };
        var format = new OutputFormatOptions(OutputFormat.Ktap);
        helper.Validators.Add(r =>
        {
            var name = r.Tokens.Count > 0 ? r.Tokens[0].Value : null;
            if (name is not null && !ContractSuite.HelperNames.Contains(name))
            {
                r.AddError($"unknown helper '{name}'; known: {string.Join(", ", ContractSuite.HelperNames)}.");
            }
        });

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
                    parse.GetValue(seed) is { } s ? VerifySeed.Parse(s, out _)! : VerifySeed.Random(),
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

    private static void Check(System.CommandLine.Parsing.OptionResult r, Func<string, string?> error)
    {
        foreach (var token in r.Tokens)
        {
            if (error(token.Value) is { } message)
            {
                r.AddError(message);
            }
        }
    }
}
