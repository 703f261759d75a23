using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Perfolizer.Horology;

namespace ArchPgtable.Benchmarks;

/// <summary>
/// <see cref="CFloorBenchmarks"/> and <see cref="CFloorMadviseBenchmarks"/>' run protocol, the one issue 15's figures
/// come from:
/// <list type="bullet">
/// <item>in process (the C floor library is loaded from the benchmark assembly's folder, and BenchmarkDotNet's
/// generated-project build times out on a loaded 2-core machine);</item>
/// <item>the measuring thread pinned to the last CPU (<see cref="MeasuringThread"/>; each class's [GlobalSetup] pins),
/// the runtime's background threads free;</item>
/// <item>3 launches of 10 warm-up and 15 measured iterations of 100 ms each (45 measurements per benchmark; the 1 GiB
/// class: 5 launches of 60 and 15 single calls);</item>
/// <item>the ratio read from medians (<see cref="MedianRatioColumn"/>) beside BenchmarkDotNet's mean ratio, each
/// category a group with its own baseline;</item>
/// <item>the memory diagnoser (0 B allocated is a target).</item>
/// </list>
/// </summary>
public class FloorConfig : ManualConfig
{
    public FloorConfig()
        : this(10, forceGc: true, launches: 3)
    {
    }

    protected FloorConfig(int warmups, bool forceGc, int launches)
    {
        AddJob(Job.Default
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithGcForce(forceGc)
            .WithLaunchCount(launches)
            .WithWarmupCount(warmups)
            .WithIterationCount(15)
            .WithIterationTime(TimeInterval.FromMilliseconds(100))
            .WithId("Floor"));
        AddColumn(StatisticColumn.Median, new MedianRatioColumn(), CategoriesColumn.Default);
        AddLogicalGroupRules(BenchmarkLogicalGroupRule.ByCategory);
        AddDiagnoser(MemoryDiagnoser.Default);
    }
}

/// <summary>
/// <see cref="FloorConfig"/> with 5 launches, 60 warm-up iterations and no forced collection between iterations:
/// <see cref="CFloorMadviseBenchmarks"/> calls its method once per iteration, and the runtime's tiered compilation
/// settles only after tens of calls (with 25 warm-ups the first measured iterations still ran code that later iterations
/// replaced). Each iteration builds a fresh 1 GiB machine, and a forced full (compacting) collection around each iteration
/// relocates the machines' page tables; without it the earlier machines' garbage is collected during later setups,
/// which are not measured. (One run with forced collections had launch medians of
/// 650, 1,160 and 780 µs, SD 218 µs, against 758 ± 30 µs without; later runs without them still had minutes-long slow
/// phases, which are the machine's, so the median over 5 launches is what the figure is read from.)
/// </summary>
public sealed class FloorMadviseConfig : FloorConfig
{
    public FloorMadviseConfig()
        : base(60, forceGc: false, launches: 5)
    {
    }
}
