using System.Runtime.ExceptionServices;
using ArchPgtable.Contracts.Properties;
using ArchPgtable.Contracts.Running;
using ArchPgtable.Host.Cli;
using ArchPgtable.Mm.Tracing;
using ArchPgtable.Native;
using ArchPgtable.Plugins;
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

    /// <summary>
    /// Checks every (build, property) item. Each check is a function of its build, property, machine and the run seed
    /// (a property draws its cases from its own stream), so without a trace (one shared recorder) and without native
    /// helpers (one C library per build) the items run in parallel, one per core; the results keep the work list's
    /// order, so the output is the same bytes. The first exception in that order is rethrown, as a sequential run would.
    /// </summary>
    private static List<VerifyOutcome> Plain(List<(VerifyTarget Target, List<ContractProperty> Properties)> work, VerifySettings settings, TraceRecorder? trace)
    {
        var options = Options(settings, null);
        var items = work.SelectMany((w, t) => w.Properties.Select(p => (Target: t, Property: p))).ToArray();
        var results = new PropertyResult[items.Length];
        var errors = new ExceptionDispatchInfo?[items.Length];

        // A property that ignores the machine gives one result per build: the presets that leave the build unchanged
        // (MachineSupport.ForMachine returns the same instance) share it.
        var sameAs = new int[items.Length];
        var first = new Dictionary<(ArchInstance, ContractProperty), int>();
        for (var i = 0; i < items.Length; i++)
        {
            var (t, p) = items[i];
            sameAs[i] = i;
            if (trace is null && !p.DependsOnMachine)
            {
                var target = work[t].Target;
                var built = target.Machine is null ? target.Arch : target.Arch.MachineSupportOrDefault.ForMachine(target.Arch, target.Machine);
                sameAs[i] = first.TryAdd((built, p), i) ? i : first[(built, p)];
            }
        }

        void Run(int i)
        {
            if (sameAs[i] != i)
            {
                return;
            }

            try
            {
                results[i] = Check(work[items[i].Target].Target, items[i].Property, options, trace);
            }
            catch (Exception e)
            {
                errors[i] = ExceptionDispatchInfo.Capture(e);
            }
        }

        if (trace is null && Environment.ProcessorCount > 1 && work.All(w => NativeArch.BuildInfoOf(w.Target.Arch.Ops) is null))
        {
            Parallel.For(0, items.Length, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, Run);
        }
        else
        {
            for (var i = 0; i < items.Length; i++)
            {
                Run(i);
                errors[i]?.Throw();
            }
        }

        Array.Find(errors, e => e is not null)?.Throw();
        for (var i = 0; i < items.Length; i++)
        {
            results[i] = results[sameAs[i]];
        }

        var outcomes = new List<VerifyOutcome>(work.Count);
        var next = 0;
        foreach (var (target, properties) in work)
        {
            outcomes.Add(new VerifyOutcome(target, results[next..(next + properties.Count)], settings.Strict));
            next += properties.Count;
        }

        return outcomes;
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

        // The machine's build first (arm64 BBML2: other helpers and a known finding), then the traced copy of it:
        // ForMachine does not recognise the traced helpers, so applied afterwards it would keep the plain build.
        trace.BeginProcess($"verify {target.Plugin}: {property.Name}");
        var arch = target.Machine is null ? target.Arch : target.Arch.MachineSupportOrDefault.ForMachine(target.Arch, target.Machine);
        return ContractSuite.Check(trace.Instrument(arch), property, options);
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
