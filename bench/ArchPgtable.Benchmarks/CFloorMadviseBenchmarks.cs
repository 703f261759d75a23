using ArchPgtable.Mm;
using ArchPgtable.Mm.Operations;
using BenchmarkDotNet.Attributes;

namespace ArchPgtable.Benchmarks;

/// <summary>
/// Issue 15's engine target: MADV_FREE (the new path) of 1 GiB of written 64K folios on arm64 (contpte), against the C
/// floor over the same 262,144 entries (target ≤ 5×; the Ratio columns). Each iteration of both first writes a fresh
/// 1 GiB region through the simulated MMU, outside the measurement, so both measured calls start from the cache state that
/// setup leaves: the engine's tables were written during it, the floor's table was not touched by it. Every iteration is
/// one invocation. <see cref="CFloor262144Hot"/> runs the floor with nothing in between, on a table its previous
/// iteration left in the caches: the lowest the floor goes, reported beside the baseline.
/// </summary>
[Config(typeof(FloorMadviseConfig))]
public unsafe class CFloorMadviseBenchmarks : IDisposable
{
    private const ulong Start = 0x40000000;
    private const ulong Size = 1UL << 30;
    private const int Entries = (int)(Size >> 12);
    private FloorTable? _floor;
    private MmStruct _mm = null!;

    [GlobalSetup]
    public void Setup()
    {
        MeasuringThread.Pin();
        if (FloorNative.IsAvailable)
        {
            _floor = new FloorTable(Entries);
        }
    }

    [IterationSetup(Targets = [nameof(MadviseFreeNew1GiB64K), nameof(CFloor262144)])]
    public void WriteRegion() => _mm = WrittenRegion.Of64KFolios(Start, Size);

    [IterationSetup(Target = nameof(CFloor262144Hot))]
    public void NothingToSetUp()
    {
    }

    /// <summary>The floor after the engine's setup (the same cache state the engine starts from): the baseline.</summary>
    [Benchmark(Baseline = true)]
    public void CFloor262144() => FloorNative.ClearYoungDirty(_floor!.Pointer, Entries);

    /// <summary>The floor with no setup in between: its table is as hot as the caches keep 2 MiB.</summary>
    [Benchmark]
    public void CFloor262144Hot() => FloorNative.ClearYoungDirty(_floor!.Pointer, Entries);

    [Benchmark]
    public void MadviseFreeNew1GiB64K() => Madvise.Free(_mm, Start, Size, MadviseFreeAlgorithm.New);

    [GlobalCleanup]
    public void Dispose()
    {
        _floor?.Dispose();
        _floor = null;
        GC.SuppressFinalize(this);
    }
}
