using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime;
using ArchPgtable.Mm.Experiments;

namespace ArchPgtable.Host.Cli;

/// <summary>
/// Makes an experiment's <c>host_ms</c> a figure of optimised (tier-1) code rather than of first-call JIT, so it
/// agrees with BenchmarkDotNet. Before the measured rows, every folio size of the plan runs old and new on a throwaway
/// region of at most <see cref="MaxBytes"/> (untraced, results discarded), round after round, until the JIT has
/// compiled nothing for <see cref="QuietMs"/> ms (the runtime promotes a method to tier 1, with dynamic PGO, after
/// about 30 calls past a 100 ms quiet delay, and compiles it in the background): at least <see cref="MinRounds"/>
/// rounds, at most <see cref="MaxMs"/> ms. Each measured row then runs <see cref="DefaultSamples"/> times (<c>--host-samples</c>; each side on a fresh machine each time, host_ms the median), each after
/// a full garbage collection (as BenchmarkDotNet forces one between iterations) and with background GC off, so no
/// collection runs beside the measured calls. Event counts come only from the measured runs: the warm-up does not change them.
/// A process warms each experiment on each arch once (<see cref="Once"/>): a second run in the same process (the tests
/// run the command line in-process) finds its code already optimised.
/// </summary>
internal static class HostWarmup
{
    private static readonly ConcurrentDictionary<(string Experiment, string Arch), bool> Warmed = new();

    /// <summary>The largest throwaway region.</summary>
    public const ulong MaxBytes = 16UL << 20;

    /// <summary>Fewest warm-up rounds.</summary>
    public const int MinRounds = 3;

    /// <summary>The JIT must have been idle this long (ms) over whole rounds to end the warm-up.</summary>
    public const int QuietMs = 1000;

    /// <summary>The warm-up's time limit (ms); the round under way finishes.</summary>
    public const int MaxMs = 5000;

    /// <summary>Measured runs per row when <c>--host-samples</c> is not given; <c>host_ms</c> is their median.</summary>
    public const int DefaultSamples = 3;

    /// <summary>The most <c>--host-samples</c> accepts.</summary>
    public const int MaxSamples = 99;

    /// <summary><see cref="Run"/> the first time this process runs the plan's experiment on this arch; (0, 0) after that.</summary>
    public static (int Rounds, ulong Bytes) Once(ExperimentPlan plan, ExperimentSetup setup)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(setup);
        return Warmed.TryAdd((plan.Experiment.Name, setup.Arch.Arch), true) ? Run(plan, setup) : (0, 0);
    }

    /// <summary>Warms <paramref name="plan"/> up; the rounds run and the throwaway region's size.</summary>
    public static (int Rounds, ulong Bytes) Run(ExperimentPlan plan, ExperimentSetup setup)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (plan.Modelled.Count == 0)
        {
            return (0, 0);
        }

        var quiet = setup with { Trace = null };
        var bytes = Math.Min(plan.RegionBytes, MaxBytes);
        var clock = Stopwatch.StartNew();
        var compiled = JitInfo.GetCompiledMethodCount();
        var lastCompile = TimeSpan.Zero;
        var rounds = 0;
        while (true)
        {
            foreach (var folio in plan.Modelled)
            {
                var region = Math.Max(folio, bytes / folio * folio);
                plan.Experiment.Run(quiet, region, folio, ExperimentPath.Old);
                plan.Experiment.Run(quiet, region, folio, ExperimentPath.New);
            }

            rounds++;
            var now = JitInfo.GetCompiledMethodCount();
            if (now != compiled)
            {
                compiled = now;
                lastCompile = clock.Elapsed;
            }

            if ((rounds >= MinRounds && (clock.Elapsed - lastCompile).TotalMilliseconds >= QuietMs) || clock.ElapsedMilliseconds >= MaxMs)
            {
                return (rounds, bytes);
            }
        }
    }

    /// <summary>
    /// Runs one measured row <paramref name="samples"/> times, each on fresh machines after a full collection with
    /// background GC off, and returns the first run's row (its simulated figures, counts and trace) with each side's
    /// <c>host_ms</c> replaced by the median of the samples: one preempted sample on a busy machine no longer sets the
    /// figure. Only the first run is traced; the simulation is deterministic, so the other runs repeat the same work.
    /// </summary>
    public static ExperimentRow MeasuredRow(Experiment experiment, ExperimentSetup setup, ulong regionBytes, ulong folioBytes, int samples = DefaultSamples)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        ArgumentNullException.ThrowIfNull(setup);
        ArgumentOutOfRangeException.ThrowIfLessThan(samples, 1);
        var first = OneRow(experiment, setup, regionBytes, folioBytes);
        if (samples == 1)
        {
            return first;
        }

        var old = new double[samples];
        var @new = new double[samples];
        old[0] = first.Old.HostMs;
        @new[0] = first.New.HostMs;
        var quiet = setup with { Trace = null };
        for (var i = 1; i < samples; i++)
        {
            var again = OneRow(experiment, quiet, regionBytes, folioBytes);
            old[i] = again.Old.HostMs;
            @new[i] = again.New.HostMs;
        }

        return first with { Old = first.Old with { HostMs = Median(old) }, New = first.New with { HostMs = Median(@new) } };
    }

    /// <summary>The median (the mean of the middle two for an even count); sorts <paramref name="values"/>.</summary>
    public static double Median(double[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentOutOfRangeException.ThrowIfZero(values.Length);
        Array.Sort(values);
        var mid = values.Length / 2;
        return values.Length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }

    private static ExperimentRow OneRow(Experiment experiment, ExperimentSetup setup, ulong regionBytes, ulong folioBytes)
    {
        Collect();
        var mode = GCSettings.LatencyMode;
        try
        {
            GCSettings.LatencyMode = GCLatencyMode.Batch;
            return experiment.RunRow(setup, regionBytes, folioBytes);
        }
        finally
        {
            GCSettings.LatencyMode = mode;
        }
    }

    private static void Collect()
    {
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.Default;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true);
        GC.WaitForPendingFinalizers();
    }
}
