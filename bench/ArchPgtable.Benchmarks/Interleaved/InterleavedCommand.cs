using System.Globalization;
using System.Reflection;
using System.Runtime.Loader;

namespace ArchPgtable.Benchmarks.Interleaved;

/// <summary>
/// <c>interleave [--rounds N] [--size-mib M] DIR_A DIR_B [DIR…]</c>: the MADV_FREE walk of two or more builds of this
/// project (each DIR the Release output folder of one commit), loaded side by side in one process (one
/// <see cref="AssemblyLoadContext"/> per build) and timed in alternating rounds, A then B then A…, the order rotating each
/// round. A machine whose speed drifts by minutes (this project's CI VM: 2× between phases) then slows every build alike,
/// so the per-round ratio and "fastest in N rounds" compare the code, where separate BenchmarkDotNet runs compare the
/// machine's phases, down to about 3% (one build in two folders gave per-round ratios of 0.97 to 1.01, and "fastest in"
/// counts from 21% to 81% of the rounds). The rounds are <see cref="AlternatingRounds"/>'.
/// </summary>
internal static class InterleavedCommand
{
    /// <summary>Runs the command; 0 on success, 2 (with one line on stderr) on bad input.</summary>
    public static int Run(string[] args)
    {
        if (!TryParse(args, out var rounds, out var sizeMib, out var dirs, out var error))
        {
            Console.Error.WriteLine($"interleave: {error}");
            return 2;
        }

        MeasuringThread.Pin();
        var sides = new Func<double>[dirs.Length];
        for (var k = 0; k < dirs.Length; k++)
        {
            try
            {
                sides[k] = Load(dirs[k], (ulong)sizeMib << 20);
            }
            catch (Exception ex) when (ex is TypeLoadException or FileLoadException or BadImageFormatException or MissingMethodException)
            {
                Console.Error.WriteLine($"interleave: {dirs[k]}: {ex.Message} (each build must be of a commit that has the interleave command).");
                return 2;
            }
        }

        // Every build's region is in place: collect the setups' garbage now, not during a round.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var times = AlternatingRounds.Time(sides, rounds);
        var kept = times[0].Length;
        var wins = new int[sides.Length];
        for (var i = 0; i < kept; i++)
        {
            var fastest = 0;
            for (var k = 1; k < sides.Length; k++)
            {
                fastest = times[k][i] < times[fastest][i] ? k : fastest;
            }

            wins[fastest]++;
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"MADV_FREE (new) of {sizeMib} MiB of 64K folios, arm64; {rounds} alternating rounds, the last {kept} reported"));
        for (var k = 0; k < sides.Length; k++)
        {
            var ratios = times[k].Select((t, i) => t / times[0][i]);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{(char)('A' + k)} {dirs[k]}: median {AlternatingRounds.Quantile(times[k], 0.5):F1} us, p25 {AlternatingRounds.Quantile(times[k], 0.25):F1}, min {times[k].Min():F1}; fastest in {wins[k]} rounds; per-round ratio to A, median {AlternatingRounds.Quantile(ratios, 0.5):F3}"));
        }

        return 0;
    }

    private static bool TryParse(string[] args, out int rounds, out int sizeMib, out string[] dirs, out string error)
    {
        rounds = 1500;
        sizeMib = 1024;
        var found = new List<string>();
        dirs = [];
        error = "";
        for (var i = 0; i < args.Length; i++)
        {
            var a = args[i];
            if (a is "--rounds" or "--size-mib")
            {
                if (i + 1 >= args.Length || !int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var v))
                {
                    error = $"{a} needs a whole number.";
                    return false;
                }

                if (a == "--rounds" && v is < 10 or > 100_000)
                {
                    error = $"--rounds {v}: between 10 and 100000.";
                    return false;
                }

                if (a == "--size-mib" && (v is < 2 or > 4096 || (v & (v - 1)) != 0))
                {
                    error = $"--size-mib {v}: a power of two from 2 to 4096.";
                    return false;
                }

                (rounds, sizeMib) = a == "--rounds" ? (v, sizeMib) : (rounds, v);
                i++;
                continue;
            }

            if (a.StartsWith('-'))
            {
                error = $"unknown option {a} (--rounds N, --size-mib M).";
                return false;
            }

            if (!File.Exists(Path.Combine(a, "ArchPgtable.Benchmarks.dll")))
            {
                error = $"{a}: no ArchPgtable.Benchmarks.dll there (give the Release output folder of bench/ArchPgtable.Benchmarks of each build).";
                return false;
            }

            found.Add(Path.GetFullPath(a));
        }

        if (found.Count is < 2 or > 8)
        {
            error = $"give 2 to 8 build folders, not {found.Count}.";
            return false;
        }

        dirs = [.. found];
        return true;
    }

    /// <summary>Loads one build in its own context, sets its region up and returns its round.</summary>
    private static Func<double> Load(string dir, ulong size)
    {
        var context = new BuildLoadContext(dir);
        var type = context.LoadFromAssemblyPath(Path.Combine(dir, "ArchPgtable.Benchmarks.dll"))
            .GetType(typeof(MadviseRounds).FullName!, throwOnError: true)!;
        const BindingFlags Static = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static;
        type.GetMethod(nameof(MadviseRounds.Setup), Static)!.Invoke(null, [size]);
        return type.GetMethod(nameof(MadviseRounds.Round), Static)!.CreateDelegate<Func<double>>();
    }

    /// <summary>Resolves a build's own assemblies from its folder; the framework's come from the default context.</summary>
    private sealed class BuildLoadContext(string dir) : AssemblyLoadContext($"build {dir}")
    {
        protected override Assembly? Load(AssemblyName assemblyName)
        {
            var path = Path.Combine(dir, assemblyName.Name + ".dll");
            return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
        }
    }
}
