using System.Globalization;
using System.Reflection;
using System.Runtime.Loader;

namespace ArchPgtable.Benchmarks.Interleaved;

/// <summary>
/// <c>interleave [--rounds N] [--size-mib M] [--workload madvise|helpers] [--arch A] DIR_A DIR_B [DIR…]</c>: the MADV_FREE walk
/// (or, with <c>--workload helpers</c>, <see cref="HelperRounds"/>' helpers with nothing attached) of two or more builds of this
/// project (each DIR the Release output folder of one commit), loaded side by side in one process (one
/// <see cref="AssemblyLoadContext"/> per build) and timed in alternating rounds, A then B then A…, the order rotating each
/// round. A machine whose speed drifts by minutes (this project's CI VM: 2× between phases) then slows every build alike,
/// so the per-round ratio and "fastest in N rounds" compare the code, where separate BenchmarkDotNet runs compare the
/// machine's phases, down to about 3% (one build in two folders gave per-round ratios of 0.97 to 1.01, and "fastest in"
/// counts from 21% to 81% of the rounds). The rounds are <see cref="AlternatingRounds"/>'. A folder given as
/// <c>DIR:hooks=off</c> loads that build with <see cref="PteTable.HooksSupportedSwitch"/> false (helpers workload only), so
/// <c>interleave --workload helpers DIR DIR:hooks=off</c> says what the hooks cost a user who attaches nothing.
/// </summary>
internal static class InterleavedCommand
{
    /// <summary>Appended to a build folder: that build with <see cref="PteTable.HooksSupportedSwitch"/> false.</summary>
    private const string HooksOff = ":hooks=off";

    /// <summary>Runs the command; 0 on success, 2 (with one line on stderr) on bad input.</summary>
    public static int Run(string[] args)
    {
        if (!TryParse(args, out var rounds, out var sizeMib, out var workload, out var arch, out var dirs, out var error))
        {
            Console.Error.WriteLine($"interleave: {error}");
            return 2;
        }

        MeasuringThread.Pin();
        var builds = new (string[] Names, Func<double>[] Rounds)[dirs.Length];
        for (var k = 0; k < dirs.Length; k++)
        {
            try
            {
                builds[k] = Load(dirs[k], workload, arch, (ulong)sizeMib << 20);
            }
            catch (Exception ex) when (ex is TypeLoadException or FileLoadException or BadImageFormatException or MissingMethodException)
            {
                Console.Error.WriteLine($"interleave: {dirs[k]}: {ex.Message} (each build must be of a commit whose interleave command has the {workload} workload).");
                return 2;
            }
        }

        var names = builds[0].Names;
        if (builds.Any(b => !b.Names.SequenceEqual(names)))
        {
            Console.Error.WriteLine($"interleave: the builds' {workload} workloads time different items; give builds of commits with the same workload.");
            return 2;
        }

        // Every build's state is in place: collect the setups' garbage now, not during a round.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        // Side k * items + i is item i of build k; every side of every build alternates in one round-robin.
        var times = AlternatingRounds.Time([.. builds.SelectMany(b => b.Rounds)], rounds);
        var kept = times[0].Length;
        Console.WriteLine(workload == "madvise"
            ? string.Create(CultureInfo.InvariantCulture, $"MADV_FREE (new) of {sizeMib} MiB of 64K folios, arm64; {rounds} alternating rounds, the last {kept} reported")
            : string.Create(CultureInfo.InvariantCulture, $"{arch} helpers on one 512-entry table, nothing attached; {rounds} alternating rounds, the last {kept} reported"));
        for (var i = 0; i < names.Length; i++)
        {
            if (names.Length > 1)
            {
                Console.WriteLine(names[i]);
            }

            var wins = new int[dirs.Length];
            for (var r = 0; r < kept; r++)
            {
                var fastest = 0;
                for (var k = 1; k < dirs.Length; k++)
                {
                    fastest = times[(k * names.Length) + i][r] < times[(fastest * names.Length) + i][r] ? k : fastest;
                }

                wins[fastest]++;
            }

            for (var k = 0; k < dirs.Length; k++)
            {
                var mine = times[(k * names.Length) + i];
                var a = times[i];
                var ratios = mine.Select((t, r) => t / a[r]);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{(names.Length > 1 ? "  " : "")}{(char)('A' + k)} {dirs[k]}: median {AlternatingRounds.Quantile(mine, 0.5):F1} us, p25 {AlternatingRounds.Quantile(mine, 0.25):F1}, min {mine.Min():F1}; fastest in {wins[k]} rounds; per-round ratio to A, median {AlternatingRounds.Quantile(ratios, 0.5):F3}"));
            }
        }

        return 0;
    }

    private static bool TryParse(string[] args, out int rounds, out int sizeMib, out string workload, out string arch, out string[] dirs, out string error)
    {
        rounds = 1500;
        sizeMib = 1024;
        workload = "madvise";
        arch = "arm64";
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

            if (a == "--workload")
            {
                if (i + 1 >= args.Length || args[i + 1] is not ("madvise" or "helpers"))
                {
                    error = "--workload needs madvise or helpers.";
                    return false;
                }

                workload = args[++i];
                continue;
            }

            if (a == "--arch")
            {
                if (i + 1 >= args.Length || args[i + 1] is not ("arm64" or "x86_64" or "riscv64"))
                {
                    error = "--arch needs arm64, x86_64 or riscv64 (the helpers workload's arch).";
                    return false;
                }

                arch = args[++i];
                continue;
            }

            if (a.StartsWith('-'))
            {
                error = $"unknown option {a} (--rounds N, --size-mib M, --workload madvise|helpers, --arch A).";
                return false;
            }

            var dir = a.EndsWith(HooksOff, StringComparison.Ordinal) ? a[..^HooksOff.Length] : a;
            if (!File.Exists(Path.Combine(dir, "ArchPgtable.Benchmarks.dll")))
            {
                error = $"{dir}: no ArchPgtable.Benchmarks.dll there (give the Release output folder of bench/ArchPgtable.Benchmarks of each build).";
                return false;
            }

            found.Add(Path.GetFullPath(dir) + (dir == a ? "" : HooksOff));
        }

        if (found.Count is < 2 or > 8)
        {
            error = $"give 2 to 8 build folders, not {found.Count}.";
            return false;
        }

        if (workload != "helpers" && found.Any(d => d.EndsWith(HooksOff, StringComparison.Ordinal)))
        {
            error = $"'{HooksOff}' needs --workload helpers (the MADV_FREE workload's address space counts its accesses).";
            return false;
        }

        dirs = [.. found];
        return true;
    }

    /// <summary>Loads one build in its own context, sets its workload up and returns its items' names and rounds.</summary>
    private static (string[] Names, Func<double>[] Rounds) Load(string spec, string workload, string arch, ulong size)
    {
        // A build with its PteTable hooks switched off: the switch is read once, by PteTable's type initialiser, which
        // this build's setup runs (each load context has its own PteTable type and statics).
        var hooksOff = spec.EndsWith(HooksOff, StringComparison.Ordinal);
        var dir = hooksOff ? spec[..^HooksOff.Length] : spec;
        AppContext.SetSwitch(PteTable.HooksSupportedSwitch, !hooksOff);
        try
        {
            return LoadWorkload(dir, workload, arch, size, hooksOff);
        }
        finally
        {
            AppContext.SetSwitch(PteTable.HooksSupportedSwitch, true);
        }
    }

    private static (string[] Names, Func<double>[] Rounds) LoadWorkload(string dir, string workload, string arch, ulong size, bool hooksOff)
    {
        var context = new BuildLoadContext(dir);
        var assembly = context.LoadFromAssemblyPath(Path.Combine(dir, "ArchPgtable.Benchmarks.dll"));
        const BindingFlags Static = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static;
        if (workload == "madvise")
        {
            var madvise = assembly.GetType(typeof(MadviseRounds).FullName!, throwOnError: true)!;
            madvise.GetMethod(nameof(MadviseRounds.Setup), Static)!.Invoke(null, [size]);
            return (["MADV_FREE"], [madvise.GetMethod(nameof(MadviseRounds.Round), Static)!.CreateDelegate<Func<double>>()]);
        }

        var helpers = assembly.GetType(typeof(HelperRounds).FullName!, throwOnError: true)!;
        helpers.GetMethod(nameof(HelperRounds.Setup), Static)!.Invoke(null, [arch]);
        var supported = context.Assemblies.FirstOrDefault(a => a.GetName().Name == typeof(PteTable).Assembly.GetName().Name)?
            .GetType(typeof(PteTable).FullName!)?.GetProperty(nameof(PteTable.HooksSupported))?.GetValue(null);
        if (hooksOff && supported is not false)
        {
            throw new MissingMethodException($"its PteTable has no {PteTable.HooksSupportedSwitch} switch, so '{HooksOff}' cannot switch its hooks off");
        }

        var names = (string[])helpers.GetMethod(nameof(HelperRounds.Names), Static)!.Invoke(null, null)!;
        var rounds = (Func<double>[])helpers.GetMethod(nameof(HelperRounds.Rounds), Static)!.Invoke(null, null)!;
        return (names, rounds);
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
