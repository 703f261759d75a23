using ArchPgtable.Mm;
using ArchPgtable.Mm.Memory;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;

namespace ArchPgtable.Benchmarks;

/// <summary>
/// Simulator memory per mapped 4 KiB page: build a machine sized for the region, map 256 MiB of
/// 64 KiB folios and write every page. Allocated bytes / 65,536 pages is the figure (oracle off).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class MemoryBenchmarks
{
    public const ulong Size = 256UL << 20;

    [Benchmark]
    public long MapAndWrite256MiB()
    {
        var arch = Archs.Arm64();
        var pages = (long)(Size >> arch.Geometry.PageShift);
        var sys = new MmSystem(arch, new MmOptions { PhysicalPages = pages + 16, Thp = ThpPolicy.WithOrders(4), Oracle = false, TlbEntries = 64 });
        var mm = sys.CreateMm();
        mm.Mmap(0x40000000, Size, VmFlags.Read | VmFlags.Write);
        for (var va = 0x40000000UL; va < 0x40000000UL + Size; va += arch.Geometry.PageSize)
        {
            sys.Mmu.Write(mm, va);
        }

        return sys.StateBytes;
    }
}
