using ArchPgtable.Kconfig;
using ArchPgtable.Plugins;
using ArchPgtable.Testing;

namespace ArchPgtable.Generic.Tests;

/// <summary>
/// The <c>generic</c> architecture, one address space and one PTE table at <see cref="TableBase"/>.
/// Entry i maps <see cref="Addr"/>(i). Seeding does not count; <see cref="Measure"/> returns what an action cost.
/// </summary>
internal sealed class GenericRig
{
    /// <summary>A 2 MiB-aligned user address: the span of one PTE table with 4 KiB pages.</summary>
    public const ulong TableBase = 0x7f0000200000;

    public GenericRig(bool debugVm = true, ITlbFlusher? tlb = null, IPageTableOps? ops = null)
    {
        Arch = BuildGeneric(debugVm);
        Ops = ops ?? Arch.Ops;
        Mm = new TestMm(tlb);
        Table = Mm.NewTable(Arch.Geometry, TableBase);
    }

    public ArchInstance Arch { get; }

    public IPageTableOps Ops { get; }

    public TestMm Mm { get; }

    public PteTable Table { get; }

    public static ArchInstance BuildGeneric(bool debugVm = true) =>
        new GenericArchPlugin().Build(new EffectiveConfig("generic", new Dictionary<string, string>
        {
            ["CONFIG_DEBUG_VM"] = debugVm ? "y" : "n",
            ["CONFIG_TRANSPARENT_HUGEPAGE"] = "y",
        }));

    /// <summary>The virtual address entry <paramref name="index"/> maps: TableBase + index * 4 KiB.</summary>
    public static ulong Addr(int index) => TableBase + ((ulong)index << 12);

    public PtePointer Ptep(int index) => Table[index];

    /// <summary>Stores raw words, then zeroes the counters.</summary>
    public GenericRig Seed(params (int Index, ulong Raw)[] entries)
    {
        foreach (var (index, raw) in entries)
        {
            Table.Write(index, new Pte(raw));
        }

        Mm.Cost.Reset();
        return this;
    }

    /// <summary>The standard batch: entries 8..11 of one folio (PFN 0x1208..0x120b) with mixed bits, and present neighbours 7 and 12.</summary>
    public GenericRig SeedStandardBatch() => Seed(
        (7, 0x120701F),   // neighbour: PRESENT|WRITE|YOUNG|DIRTY|USER
        (8, 0x120801F),   // PRESENT|WRITE|YOUNG|DIRTY|USER
        (9, 0x1209011),   // PRESENT|USER (old, clean, read-only)
        (10, 0x120A017),  // PRESENT|WRITE|YOUNG|USER
        (11, 0x120B019),  // PRESENT|DIRTY|USER
        (12, 0x120C01F)); // neighbour: PRESENT|WRITE|YOUNG|DIRTY|USER

    public ulong Word(int index) => Table.Peek(index).Value;

    public ulong[] Words()
    {
        var words = new ulong[Table.Count];
        Table.CopyTo(words);
        return words;
    }

    public CostSnapshot Measure(Action action)
    {
        var before = Mm.Cost.Snapshot();
        action();
        return Mm.Cost.Snapshot() - before;
    }

    /// <summary>The expected cost: software PTE reads/writes/atomics and single-page TLB flushes; every other counter zero.</summary>
    public static CostSnapshot Cost(long reads = 0, long writes = 0, long atomics = 0, long pageFlushes = 0) =>
        new(reads, writes, atomics, HardwareUpdates: 0,
            TlbFlushPage: pageFlushes, TlbFlushRange: 0, TlbFlushAll: 0, TlbFlushedPages: pageFlushes,
            Folds: 0, Unfolds: 0, FolioSplits: 0, SplitPages: 0);
}
