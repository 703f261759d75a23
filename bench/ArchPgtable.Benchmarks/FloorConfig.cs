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
public sealed class FloorConfig : ManualConfig
{
    public FloorConfig()
    {
        AddJob(Job.Default
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithLaunchCount(1)
            .WithWarmupCount(5)
            .WithIterationCount(15)
            .WithId("InProcessShort"));
        AddDiagnoser(MemoryDiagnoser.Default);
    }
}
