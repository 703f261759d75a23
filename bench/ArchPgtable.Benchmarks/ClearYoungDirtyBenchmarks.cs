using ArchPgtable.Arm64;
using ArchPgtable.Testing;
using BenchmarkDotNet.Attributes;

namespace ArchPgtable.Benchmarks;

/// <summary>
/// arm64 <c>clear_young_dirty_ptes(Young|Dirty)</c> over one full PTE table of contiguous blocks, against the floor:
/// the same bit operation as a plain loop over a <c>ulong[]</c>.
/// </summary>
[MemoryDiagnoser]
public class ClearYoungDirtyBenchmarks
{
    private const ulong Mask = Arm64PteBits.PTE_AF | Arm64PteBits.PTE_DIRTY;
    private readonly ulong[] _plain = new ulong[512];
    private IPageTableOps _ops = null!;
    private TestMm _mm = null!;
    private PtePointer _ptep;

    [GlobalSetup]
    public void Setup()
    {
        var arch = Archs.Arm64();
        _ops = arch.Ops;
        _mm = new TestMm();
        var table = _mm.NewTable(arch.Geometry);
        _ptep = table[0];
        var prot = arch.Format.ProtFor(VmFlags.Read | VmFlags.Write | VmFlags.Shared);
        var pte = arch.Format.MkDirty(arch.Format.MkYoung(arch.Format.PfnPte(0x80000, prot)));
        _ops.SetPtes(_mm, 0, _ptep, pte, 512);
        table.CopyTo(_plain);
    }

    [Benchmark]
    public void Arm64Helper() => _ops.ClearYoungDirtyPtes(_mm, 0, _ptep, 512, CydpFlags.Young | CydpFlags.Dirty);

    [Benchmark(Baseline = true)]
    public void PlainLoop()
    {
        var a = _plain;
        for (var i = 0; i < a.Length; i++)
        {
            a[i] = (a[i] & ~Mask) | Arm64PteBits.PTE_RDONLY;
        }
    }
}
