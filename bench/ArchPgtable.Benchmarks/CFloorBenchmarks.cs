using ArchPgtable.Arm64;
using ArchPgtable.Testing;
using BenchmarkDotNet.Attributes;

namespace ArchPgtable.Benchmarks;

/// <summary>
/// Issue 15's speed targets at the 512-entry scale, side by side in one run, each group with its own baseline (the
/// Ratio column); <see cref="CFloorMadviseBenchmarks"/> is the 1 GiB one (<c>--filter '*CFloor*'</c> runs both):
/// <list type="bullet">
/// <item><c>cydp-512</c>: arm64 <c>clear_young_dirty_ptes(Young|Dirty)</c> over 512 contpte entries and the plain C#
/// <c>ulong[]</c> loop and the PteTable.UpdateBits primitive the helper could end in, against the C floor on 512 entries
/// (target ≤ 1.3×).</item>
/// <item><c>hooks</c>: what counting and observation cost in the batch primitives when attached: the PteTable block
/// transform with counters attached, with a no-op observer, and the arm64 helper observed, against the same loop over
/// a plain array;</item>
/// <item><c>hooks-per-entry</c>: the same for a loop of per-entry <c>Read</c>/<c>Write</c> calls, against the same
/// loop over <see cref="HooklessTable"/>, PteTable's Read/Write with the hooks deleted.</item>
/// </list>
/// With nothing attached (the target: no measurable cost) is <see cref="NothingAttachedBenchmarks"/>, run alone.
/// The run protocol (pinned measuring thread, 3 launches, medians) is <see cref="FloorConfig"/>'s.
/// Without a C compiler at build time the CFloor* methods are filtered out (Program says so in one line).
/// </summary>
[Config(typeof(FloorConfig))]
public unsafe class CFloorBenchmarks : IDisposable
{
    private const int Entries = 512;

    private readonly ulong[] _plain = new ulong[Entries];
    private IPageTableOps _ops = null!;
    private TestMm _mm = null!;
    private PteTable _table = null!;
    private PteTable _observedTable = null!;
    private NothingAttachedLoops _hookFree = null!;
    private FloorTable? _floor512;

    [GlobalSetup]
    public void Setup()
    {
        MeasuringThread.Pin();
        var arch = Archs.Arm64();
        _ops = arch.Ops;
        _mm = new TestMm();
        _table = NewContTable(arch, _mm);
        _observedTable = NewContTable(arch, _mm);
        _observedTable.Observer = new NoOpObserver();
        _table.CopyTo(_plain);
        _hookFree = new NothingAttachedLoops(_plain);

        if (FloorNative.IsAvailable)
        {
            _floor512 = new FloorTable(Entries);
        }
    }

    // cydp-512: clear_young_dirty_ptes over one full table of contpte blocks.

    [Benchmark(Baseline = true), BenchmarkCategory("cydp-512")]
    public void CFloor512() => FloorNative.ClearYoungDirty(_floor512!.Pointer, Entries);

    [Benchmark, BenchmarkCategory("cydp-512")]
    public void Arm64Helper512() => _ops.ClearYoungDirtyPtes(_mm, 0, _table[0], Entries, CydpFlags.Young | CydpFlags.Dirty);

    [Benchmark, BenchmarkCategory("cydp-512")]
    public void PteTableUpdateBits512() => _table.UpdateBits(0, Entries, Arm64PteBits.PTE_AF | Arm64PteBits.PTE_DIRTY, Arm64PteBits.PTE_RDONLY);

    [Benchmark, BenchmarkCategory("cydp-512")]
    public void PlainCSharpLoop512()
    {
        var a = _plain;
        for (var i = 0; i < a.Length; i++)
        {
            a[i] = (a[i] & ~(Arm64PteBits.PTE_AF | Arm64PteBits.PTE_DIRTY)) | Arm64PteBits.PTE_RDONLY;
        }
    }

    // hooks: counting and observation, against the same loop with no hooks at all.

    [Benchmark(Baseline = true), BenchmarkCategory("hooks")]
    public void HooklessTransform512() => _hookFree.HooklessTransform();

    [Benchmark, BenchmarkCategory("hooks")]
    public void TransformCounted512() => _table.Transform(0, Entries, default(MkOldClean));

    [Benchmark, BenchmarkCategory("hooks")]
    public void UpdateBitsObserved512() => _observedTable.UpdateBits(0, Entries, Arm64PteBits.PTE_AF | Arm64PteBits.PTE_DIRTY, Arm64PteBits.PTE_RDONLY);

    [Benchmark, BenchmarkCategory("hooks")]
    public void TransformObserved512() => _observedTable.Transform(0, Entries, default(MkOldClean));

    [Benchmark, BenchmarkCategory("hooks")]
    public void Arm64HelperObserved512() => _ops.ClearYoungDirtyPtes(_mm, 0, _observedTable[0], Entries, CydpFlags.Young | CydpFlags.Dirty);

    // hooks-per-entry: a Read/Write call per entry, against the same calls with the hooks deleted.

    [Benchmark(Baseline = true), BenchmarkCategory("hooks-per-entry")]
    public void HooklessReadWrite512() => _hookFree.HooklessReadWrite();

    [Benchmark, BenchmarkCategory("hooks-per-entry")]
    public void ReadWriteCounted512()
    {
        var table = _table;
        var t = default(MkOldClean);
        for (var i = 0; i < Entries; i++)
        {
            table.Write(i, t.Apply(table.Read(i)));
        }
    }

    [Benchmark, BenchmarkCategory("hooks-per-entry")]
    public void ReadWriteObserved512()
    {
        var table = _observedTable;
        var t = default(MkOldClean);
        for (var i = 0; i < Entries; i++)
        {
            table.Write(i, t.Apply(table.Read(i)));
        }
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _floor512?.Dispose();
        _floor512 = null;
        GC.SuppressFinalize(this);
    }

    private static PteTable NewContTable(Plugins.ArchInstance arch, TestMm mm)
    {
        var table = mm.NewTable(arch.Geometry);
        var prot = arch.Format.ProtFor(VmFlags.Read | VmFlags.Write | VmFlags.Shared);
        var pte = arch.Format.MkDirty(arch.Format.MkYoung(arch.Format.PfnPte(0x80000, prot)));
        arch.Ops.SetPtes(mm, 0, table[0], pte, Entries);
        return table;
    }

    /// <summary>An observer that does nothing: the cost of the hook itself.</summary>
    private sealed class NoOpObserver : IPteAccessObserver
    {
        public void BeforeAccess(PteTable table, int index, PteAccessKind kind)
        {
        }

        public void AfterAccess(PteTable table, int index, PteAccessKind kind, Pte before, Pte after)
        {
        }
    }
}
