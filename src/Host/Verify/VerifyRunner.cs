using ArchPgtable.Contracts.Properties;
using ArchPgtable.Contracts.Running;
using ArchPgtable.Host.Cli;
using Spectre.Console;

namespace ArchPgtable.Host.Verify;

/// <summary>
/// Runs the selected contract properties against every target — the items of the requested shard of the
/// (build, property) work list — with a progress bar when the output is a terminal.
/// </summary>
internal static class VerifyRunner
{
    public static VerifyRun Run(IReadOnlyList<VerifyTarget> targets, VerifySettings settings, CliContext context)
    {
        var properties = ContractSuite.Select(Options(settings, null));
        var work = new List<(VerifyTarget Target, List<ContractProperty> Properties)>();
        var position = 0;
        foreach (var target in targets)
        {
            var mine = new List<ContractProperty>();
            foreach (var p in properties)
            {
                if (settings.Shard.Contains(position++))
                {
                    mine.Add(p);
                }
            }

            work.Add((target, mine));
        }

        var outcomes = context.IsTerminal ? WithProgress(work, settings, context) : Plain(work, settings);
        return new VerifyRun(settings.Seed, settings.Shard, settings.Strict, outcomes, position);
    }

    private static List<VerifyOutcome> Plain(List<(VerifyTarget Target, List<ContractProperty> Properties)> work, VerifySettings settings)
    {
        var options = Options(settings, null);
        return [.. work.Select(w => new VerifyOutcome(w.Target, [.. w.Properties.Select(p => ContractSuite.Check(w.Target.Arch, p, options))], settings.Strict))];
    }

    private static List<VerifyOutcome> WithProgress(List<(VerifyTarget Target, List<ContractProperty> Properties)> work, VerifySettings settings, CliContext context)
    {
        var outcomes = new List<VerifyOutcome>();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.Detect,
            ColorSystem = ColorSystemSupport.Detect,
            Interactive = InteractionSupport.Yes,
            Out = new AnsiConsoleOutput(context.Out),
        });
        console.Progress().AutoClear(true).Start(ctx =>
        {
            foreach (var (target, properties) in work)
            {
                var task = ctx.AddTask(Markup.Escape(target.Plugin), maxValue: Math.Max(1.0, (double)properties.Count * settings.Cases));
                var results = new List<PropertyResult>();
                foreach (var p in properties)
                {
                    task.Description = Markup.Escape($"{target.Plugin}: {p.Name}");
                    var start = task.Value;
                    results.Add(ContractSuite.Check(target.Arch, p, Options(settings, () => task.Increment(1))));
                    task.Value = start + settings.Cases;
                }

                task.Description = Markup.Escape(target.Plugin);
                outcomes.Add(new VerifyOutcome(target, results, settings.Strict));
            }
        });
        return outcomes;
    }

    private static ContractOptions Options(VerifySettings settings, Action? onCase) => new()
    {
        Cases = settings.Cases,
        RunSeed = settings.Seed.RunSeed,
        Seed = settings.Seed.Token,
        Helper = settings.Helper,
        OnCase = onCase,
    };

    /// <summary>Writes the run in the requested format.</summary>
    public static void Write(VerifyRun run, OutputFormat format, CliContext context)
    {
        switch (format)
        {
            case OutputFormat.Json:
                VerifyJsonWriter.Write(run, context.Out);
                break;
            case OutputFormat.Csv:
                VerifyCsvWriter.Write(run, context.Out);
                break;
            case OutputFormat.Ktap:
                VerifyKtapWriter.Write(run, context.Out);
                break;
            default:
                VerifyTextWriter.Write(run, context.Out);
                break;
        }
    }
}
