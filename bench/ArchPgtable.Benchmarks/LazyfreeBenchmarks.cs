using ArchPgtable.Mm;
using ArchPgtable.Mm.Memory;
using ArchPgtable.Mm.Operations;
using BenchmarkDotNet.Attributes;

namespace ArchPgtable.Benchmarks;

/// <summary>
/// MADV_FREE of 1 GiB of written folios on arm64 (contpte), old versus new algorithm, for 16K, 64K
/// and 1M folios. Each iteration gets a freshly written region (set up outside the measurement).
/// Runs in-process: the generated-project build of BenchmarkDotNet adds nothing here and times
/// out on a loaded 2-core machine.
/// </summary>
[MemoryDiagnoser]
[InProcess]
public class LazyfreeBenchmarks
{
    private const ulong Start = 0x40000000;
    private const ulong Size = 1UL << 30;
    private MmStruct _mm = null!;

    [Params(MadviseFreeAlgorithm.Old, MadviseFreeAlgorithm.New)]
    public MadviseFreeAlgorithm Algorithm { get; set; }

    [Params(16, 64, 1024)]
    public int FolioKiB { get; set; }

    [IterationSetup]
    public void Setup()
    {
        var arch = Archs.Arm64();
        var pages = (long)(Size >> arch.Geometry.PageShift);
        var sys = new MmSystem(arch, new MmOptions { PhysicalPages = pages + 4096, Thp = ThpPolicy.ForFolioSize((ulong)FolioKiB << 10, arch.Geometry.PageSize), Oracle = false });
        _mm = sys.CreateMm();
        _mm.Mmap(Start, Size, VmFlags.Read | VmFlags.Write);
        for (var va = Start; va < Start + Size; va += arch.Geometry.PageSize)
        {
            sys.Mmu.Write(_mm, va);
        }
    }

    [Benchmark]
    public void MadviseFree1GiB() => Madvise.Free(_mm, Start, Size, Algorithm);
}
