using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace ArchPgtable.Benchmarks;

/// <summary>
/// <see cref="CFloorBenchmarks"/> and <see cref="CFloorMadviseBenchmarks"/>' job: in process (the C floor library is loaded from the benchmark assembly's folder, and
/// BenchmarkDotNet's generated-project build times out on a loaded 2-core machine), one launch, 5 warm-up and 15 measured
/// iterations: a short job that still gives an error bar. With the memory diagnoser (0 B allocated is a target).
/// </summary>
public class FloorConfig : ManualConfig
{
    public FloorConfig()
        : this(5)
    {
    }

    protected FloorConfig(int warmups)
    {
        AddJob(Job.Default
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithLaunchCount(1)
            .WithWarmupCount(warmups)
            .WithIterationCount(15)
            .WithId("InProcessShort"));
        AddDiagnoser(MemoryDiagnoser.Default);
    }
}

/// <summary>
/// <see cref="FloorConfig"/> with 25 warm-up iterations: <see cref="CFloorMadviseBenchmarks"/> calls its method once per
/// iteration, and the runtime promotes a method to tier 1 only after 30 calls past a 100 ms quiet spell (5 warm-ups left
/// the first 8 measured iterations at 19-45 ms of tier-0 code against 1-1.5 ms after).
/// </summary>
public sealed class FloorMadviseConfig : FloorConfig
{
    public FloorMadviseConfig()
        : base(25)
    {
    }
}
