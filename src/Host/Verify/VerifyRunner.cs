using ArchPgtable.Contracts.Running;
using Spectre.Console;

namespace ArchPgtable.Host.Verify;

/// <summary>Runs the selected contract properties against every target, with a progress bar when the output is a terminal.</summary>
internal static class VerifyRunner
{
    public static IReadOnlyList<VerifyOutcome> Run(IReadOnlyList<VerifyTarget> targets, VerifySettings settings, CliContext context)
    {
        var options = Options(settings, null);
        var properties = ContractSuite.Select(options);
        if (!context.IsTerminal)
        {
            return [.. targets.Select(t => new VerifyOutcome(t, [.. properties.Select(p => ContractSuite.Check(t.Arch, p, options with { Machine = t.Machine }))], settings.Strict))];
        }

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
            foreach (var target in targets)
            {
                var task = ctx.AddTask(Markup.Escape(target.Plugin), maxValue: (double)properties.Count * settings.Cases);
                var results = new List<PropertyResult>();
                foreach (var p in properties)
                {
                    task.Description = Markup.Escape($"{target.Plugin}: {p.Name}");
                    var start = task.Value;
                    results.Add(ContractSuite.Check(target.Arch, p, Options(settings, () => task.Increment(1)) with { Machine = target.Machine }));
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
        Seed = settings.Seed,
        Helper = settings.Helper,
        OnCase = onCase,
    };

    /// <summary>Writes the outcomes in the requested format.</summary>
    public static void Write(IReadOnlyList<VerifyOutcome> outcomes, string format, CliContext context)
    {
        switch (format)
        {
            case "json":
                VerifyJsonWriter.Write(outcomes, context.Out);
                break;
            case "ktap":
                VerifyKtapWriter.Write(outcomes, context.Out);
                break;
            default:
                VerifyTextWriter.Write(outcomes, context.Out);
                break;
        }
    }
}
