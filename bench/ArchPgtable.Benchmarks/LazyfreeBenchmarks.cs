using ArchPgtable.Mm;
using ArchPgtable.Mm.Memory;
using ArchPgtable.Mm.Operations;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;

namespace ArchPgtable.Benchmarks;

/// <summary>MADV_FREE of 1 GiB of written 64 KiB folios on arm64 (contpte), old versus new algorithm. Each iteration gets a freshly written region.</summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class LazyfreeBenchmarks
{
    private const ulong Start = 0x40000000;
    private const ulong Size = 1UL << 30;
    private MmStruct _mm = null!;

    [Params(MadviseFreeAlgorithm.Old, MadviseFreeAlgorithm.New)]
    public MadviseFreeAlgorithm Algorithm { get; set; }

    [IterationSetup]
    public void Setup()
    {
        var arch = Archs.Arm64();
        var pages = (long)(Size >> arch.Geometry.PageShift);
        var sys = new MmSystem(arch, new MmOptions { PhysicalPages = pages + 4096, Thp = ThpPolicy.WithOrders(4), Oracle = false });
        _mm = sys.CreateMm();
        _mm.Mmap(Start, Size, VmFlags.Read | VmFlags.Write);
        for (var va = Start; va < Start + Size; va += arch.Geometry.PageSize)
        {
            sys.Mmu.Write(_mm, va);
        }
    }

    [Benchmark]
    public void MadviseFree1GiB64K() => Madvise.Free(_mm, Start, Size, Algorithm);
}
