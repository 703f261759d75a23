using System.Diagnostics;
using System.Globalization;

namespace ArchPgtable.Benchmarks.Interleaved;

/// <summary>
/// <c>hooks [--rounds N] [--hooks-off]</c>: the loops of <see cref="NothingAttachedBenchmarks"/> (<see cref="NothingAttachedLoops"/>) timed in alternating rounds in a
/// process where no table ever has counters or an observer (1,000 calls of each per round, the order rotating each round),
/// each reported as the median per-round ratio to its hook-free twin. Separate BenchmarkDotNet runs on this project's CI
/// VM move identical loops by 0.6–1.2×; rounds that alternate see the same machine phase. And the JIT lays out the
/// inlined <see cref="PteTable.Read"/> by the profile the process gave it: in <see cref="CFloorBenchmarks"/>' process
/// counted tables are used first, so counting is profiled as the hot path; here it is profiled as a user who attaches
/// nothing would profile it. "HooklessReadWrite512 again" times the baseline a second time in each round: its ratio is the mode's
/// resolution (an A/A control). The first third of the rounds warms the JIT and is not reported. With <c>--hooks-off</c>
/// the process sets <see cref="PteTable.HooksSupportedSwitch"/> false before any table exists, and the PteTable loops
/// should read as their hook-free twins.
/// </summary>
internal static class HookRoundsCommand
{
    private const int CallsPerRound = 1000;

    /// <summary>Runs the command; 0 on success, 2 (with one line on stderr) on bad input.</summary>
    public static int Run(string[] args)
    {
        var rounds = 600;
        var hooksOff = false;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--hooks-off")
            {
                hooksOff = true;
                continue;
            }

            if (args[i] != "--rounds")
            {
                Console.Error.WriteLine($"hooks: unexpected '{args[i]}' (hooks [--rounds N] [--hooks-off]).");
                return 2;
            }

            if (i + 1 >= args.Length || !int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out rounds))
            {
                Console.Error.WriteLine("hooks: --rounds needs one whole number (hooks [--rounds N] [--hooks-off]).");
                return 2;
            }

            if (rounds is < 10 or > 100_000)
            {
                Console.Error.WriteLine($"hooks: --rounds {rounds}: between 10 and 100000.");
                return 2;
            }

            i++;
        }

        // Before any table exists: PteTable reads the switch once, in its type initialiser.
        if (hooksOff)
        {
            AppContext.SetSwitch(PteTable.HooksSupportedSwitch, false);
        }

        MeasuringThread.Pin();
        var loops = new NothingAttachedLoops(NothingAttachedLoops.WrittenArm64Words());
        (string Name, int Baseline, Action Loop)[] runs =
        [
            ("HooklessReadWrite512", 0, loops.HooklessReadWrite),
            ("ReadWriteNothingAttached512", 0, loops.ReadWriteNothingAttached),
            ("HooklessReadWrite512 again", 0, loops.HooklessReadWrite),
            ("HooklessTransform512", 3, loops.HooklessTransform),
            ("TransformNothingAttached512", 3, loops.TransformNothingAttached),
        ];

        var ns = AlternatingRounds.Time([.. runs.Select(run => (Func<double>)(() => Time(run.Loop)))], rounds);
        var kept = ns[0].Length;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"hooks (nothing attached to any table in this process; {(PteTable.HooksSupported ? "hooks supported" : "hooks switched off")}): 512 entries, {CallsPerRound} calls per loop per round, {rounds} alternating rounds, the last {kept} reported"));
        for (var k = 0; k < runs.Length; k++)
        {
            var baseline = ns[runs[k].Baseline];
            var ratios = ns[k].Select((t, i) => t / baseline[i]).ToArray();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{runs[k].Name,-28} median {AlternatingRounds.Quantile(ns[k], 0.5),7:F1} ns, min {ns[k].Min(),7:F1}; per-round ratio to {runs[runs[k].Baseline].Name}: median {AlternatingRounds.Quantile(ratios, 0.5):F3} (p10 {AlternatingRounds.Quantile(ratios, 0.1):F3}, p90 {AlternatingRounds.Quantile(ratios, 0.9):F3})"));
        }

        return 0;
    }

    /// <summary>Nanoseconds per call of <paramref name="loop"/>, over <see cref="CallsPerRound"/> calls.</summary>
    private static double Time(Action loop)
    {
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < CallsPerRound; i++)
        {
            loop();
        }

        return Stopwatch.GetElapsedTime(start).TotalNanoseconds / CallsPerRound;
    }
}
