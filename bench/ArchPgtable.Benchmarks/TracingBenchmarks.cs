using ArchPgtable.Mm;
using ArchPgtable.Mm.Tracing;
using BenchmarkDotNet.Attributes;

namespace ArchPgtable.Benchmarks;

/// <summary>
/// What tracing costs, off and on: fault in 16 MiB of base pages on arm64 (4096 faults, each a set_pte_at,
/// then 4096 TLB-hit writes). Off (no recorder attached) is the path every other run takes: compare it
/// with the same loop on a build without tracing to see that nothing was added. On attaches a recorder
/// (limit 10,000 events, so the rest of the run pays the recording checks but keeps nothing).
/// </summary>
[MemoryDiagnoser]
[InProcess]
public class TracingBenchmarks
{
    private const ulong Start = 0x40000000;
    private const ulong Size = 16UL << 20;

    [Params(false, true)]
    public bool Traced { get; set; }

    [Benchmark]
    public long FaultIn16MiB()
    {
        var arch = Archs.Arm64();
        var sys = new MmSystem(arch, new MmOptions { PhysicalPages = (long)(Size >> arch.Geometry.PageShift) + 16, Oracle = false, TlbEntries = 64 });
        if (Traced)
        {
            new TraceRecorder(10_000).Attach(sys);
        }

        var mm = sys.CreateMm();
        mm.Mmap(Start, Size, VmFlags.Read | VmFlags.Write);
        for (var va = Start; va < Start + Size; va += arch.Geometry.PageSize)
        {
            sys.Mmu.Write(mm, va);
        }

        return sys.Stats.Faults;
    }
}
