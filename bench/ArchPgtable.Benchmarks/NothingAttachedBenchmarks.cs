using BenchmarkDotNet.Attributes;

namespace ArchPgtable.Benchmarks;

/// <summary>
/// Issue 15's hooks target: what counting and observation cost when nothing is attached, in a process where nothing is
/// attached to any table (run this class alone: <c>--filter '*NothingAttachedBenchmarks*'</c>). Two groups, each against
/// its hook-free twin over the same 512 words (<see cref="NothingAttachedLoops"/>):
/// <list type="bullet">
/// <item><c>hooks</c>: the block transform over a table with no counters and no observer, against the same loop over a
/// plain array;</item>
/// <item><c>hooks-per-entry</c>: a <c>Read</c>/<c>Write</c> call per entry, against the same calls over
/// <see cref="HooklessTable"/> (PteTable's Read/Write with the hooks deleted).</item>
/// </list>
/// Alone because the JIT lays out the inlined <see cref="PteTable.Read"/> by the profile the process gave it: where
/// counted tables are used first (<see cref="CFloorBenchmarks"/>' setup) counting is profiled as the hot path.
/// The run protocol is <see cref="FloorConfig"/>'s; the <c>hooks</c> mode of this project times the same loops in
/// alternating rounds with an A/A control.
/// </summary>
[Config(typeof(FloorConfig))]
public class NothingAttachedBenchmarks
{
    private NothingAttachedLoops _loops = null!;

    [GlobalSetup]
    public void Setup()
    {
        MeasuringThread.Pin();
        _loops = new NothingAttachedLoops(NothingAttachedLoops.WrittenArm64Words());
    }

    [Benchmark(Baseline = true), BenchmarkCategory("hooks")]
    public void HooklessTransform512() => _loops.HooklessTransform();

    [Benchmark, BenchmarkCategory("hooks")]
    public void TransformNothingAttached512() => _loops.TransformNothingAttached();

    [Benchmark(Baseline = true), BenchmarkCategory("hooks-per-entry")]
    public void HooklessReadWrite512() => _loops.HooklessReadWrite();

    [Benchmark, BenchmarkCategory("hooks-per-entry")]
    public void ReadWriteNothingAttached512() => _loops.ReadWriteNothingAttached();
}
