using ArchPgtable.Contracts.Properties;
using ArchPgtable.Contracts.Running;
using ArchPgtable.Host.Cli;
using ArchPgtable.Mm.Tracing;
using Spectre.Console;

namespace ArchPgtable.Host.Verify;

/// <summary>
/// Runs the selected contract properties against every target — the items of the requested shard of the
/// (build, property) work list — with a progress bar when the output is a terminal.
/// </summary>
internal static class VerifyRunner
{
    public static VerifyRun Run(IReadOnlyList<VerifyTarget> targets, VerifySettings settings, CliContext context, TraceRecorder? trace = null)
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

        var outcomes = context.IsTerminal ? WithProgress(work, settings, context, trace) : Plain(work, settings, trace);
        return new VerifyRun(settings.Seed, settings.Shard, settings.Strict, outcomes, position);
    }

    private static List<VerifyOutcome> Plain(List<(VerifyTarget Target, List<ContractProperty> Properties)> work, VerifySettings settings, TraceRecorder? trace)
    {
        var options = Options(settings, null);
        return [.. work.Select(w => new VerifyOutcome(w.Target, [.. w.Properties.Select(p => Check(w.Target, p, options, trace))], settings.Strict))];
    }

    private static List<VerifyOutcome> WithProgress(List<(VerifyTarget Target, List<ContractProperty> Properties)> work, VerifySettings settings, CliContext context, TraceRecorder? trace)
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
                    results.Add(Check(target, p, Options(settings, () => task.Increment(1)), trace));
                    task.Value = start + settings.Cases;
                }

                task.Description = Markup.Escape(target.Plugin);
                outcomes.Add(new VerifyOutcome(target, results, settings.Strict));
            }
        });
        return outcomes;
    }

    /// <summary>Checks one property; when tracing, against a traced copy of the build, as one machine (pid) per property.</summary>
    private static PropertyResult Check(VerifyTarget target, ContractProperty property, ContractOptions options, TraceRecorder? trace)
    {
        options = options with { Machine = target.Machine };
        if (trace is null)
        {
            return ContractSuite.Check(target.Arch, property, options);
        }

        trace.BeginProcess($"verify {target.Plugin}: {property.Name}");
        return ContractSuite.Check(trace.Instrument(target.Arch), property, options);
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
