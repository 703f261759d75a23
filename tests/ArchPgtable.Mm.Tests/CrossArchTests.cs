using System.Globalization;
using ArchPgtable.Hardware;
using ArchPgtable.Mm.Experiments;
using ArchPgtable.Mm.Operations;
using Xunit.Abstractions;

namespace ArchPgtable.Mm.Tests;

/// <summary>
/// The same workload on every architecture configuration: the logical outcome must not depend
/// on the architecture; the costs, and who sets access/dirty (hardware or a fault), do.
/// </summary>
public class CrossArchTests(ITestOutputHelper output)
{
    private const int FolioPages = 16;

    /// <summary>Whether this build maps a 16-page anonymous folio with contiguous blocks the hardware sees as one (arm64 4K contpte, riscv64 Svnapot).</summary>
    private static bool MapsFoliosWithBlocks(Plugins.ArchInstance arch)
    {
        var (sys, mm) = Machines.Create(arch, FolioPages * arch.Geometry.PageSize, folioOrder: 4);
        sys.Mmu.Write(mm, Machines.Base);
        var table = mm.PageTable.Find(Machines.Base)!;
        return arch.Hardware.BlockEntries(table.Peek(arch.Geometry.PteIndex(Machines.Base))) > 1;
    }

    [Theory]
    [MemberData(nameof(Machines.All), MemberType = typeof(Machines))]
    public void Lazyfree_has_one_logical_outcome_on_every_arch_and_arch_specific_costs(string arch)
    {
        var a = Machines.Build(arch);
        var folio = FolioPages * a.Geometry.PageSize;
        var region = 4 * folio;
        var pages = (long)(region >> a.Geometry.PageShift);
        var blocks = MapsFoliosWithBlocks(a);

        var row = new LazyfreeExperiment(a).Run(region, folio);

        foreach (var r in new[] { row.Old, row.New })
        {
            Assert.Equal(pages, r.LazyfreePages);
            Assert.Equal(pages, r.CleanOldPages);
        }

        Assert.Equal((4L, pages), (row.Old.Cost.FolioSplits, row.Old.Cost.SplitPages));
        Assert.Equal((0L, 0L, 0L), (row.New.Cost.FolioSplits, row.New.Cost.Folds, row.New.Cost.Unfolds));
        Assert.Equal((0L, blocks ? 4L : 0L), (row.Old.Cost.Folds, row.Old.Cost.Unfolds));   // splitting a block-mapped folio unfolds it first
        Assert.Equal(1, row.New.Cost.TlbFlushRange);                                         // one mmu_gather flush
        Assert.Equal(1 + (blocks ? 4 : 0), row.Old.Cost.TlbFlushRange);                      // ... plus one per unfold
        Assert.True(row.New.Cost.PteWrites < row.Old.Cost.PteWrites);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{arch,-28} blocks={(blocks ? "y" : "n")} old: writes={row.Old.Cost.PteWrites} reads={row.Old.Cost.PteReads} atomics={row.Old.Cost.AtomicUpdates} flushes(page/range)={row.Old.Cost.TlbFlushPage}/{row.Old.Cost.TlbFlushRange} splits={row.Old.Cost.FolioSplits} unfolds={row.Old.Cost.Unfolds} sim={row.Old.SimulatedMs:F4}ms | new: writes={row.New.Cost.PteWrites} reads={row.New.Cost.PteReads} atomics={row.New.Cost.AtomicUpdates} flushes={row.New.Cost.TlbFlushPage}/{row.New.Cost.TlbFlushRange} sim={row.New.SimulatedMs:F4}ms speedup={row.Speedup:F1}x"));
    }

    [Theory]
    [MemberData(nameof(Machines.All), MemberType = typeof(Machines))]
    public void A_write_after_madv_free_is_marked_dirty_by_the_hardware_or_through_a_fault(string arch)
    {
        var a = Machines.Build(arch);
        var g = a.Geometry;
        var (sys, mm) = Machines.Create(a, 4 * FolioPages * g.PageSize, folioOrder: 4);
        Machines.WriteAll(sys, mm, Machines.Base, 4 * FolioPages * g.PageSize);
        Madvise.Free(mm, Machines.Base, 4 * FolioPages * g.PageSize, MadviseFreeAlgorithm.New);
        var faults = sys.Stats.Faults;
        var hardware = sys.Counters.HardwareUpdates;
        var cleanOld = mm.PageTable.Find(Machines.Base)!.Peek(g.PteIndex(Machines.Base + (3 * g.PageSize)));
        var byHardware = a.Hardware.Translate(cleanOld, MemoryAccess.Write).Ok;

        var written = sys.Mmu.Write(mm, Machines.Base + (3 * g.PageSize));

        Assert.Equal(byHardware ? 0 : 1, sys.Stats.Faults - faults);
        Assert.Equal(byHardware ? 1 : 0, sys.Counters.HardwareUpdates - hardware);
        Assert.True(a.Format.Dirty(Machines.Get(sys, mm, Machines.Base + (3 * g.PageSize))));
        Assert.Equal(MapsFoliosWithBlocks(a), a.Format.Dirty(Machines.Get(sys, mm, Machines.Base)));  // a block reports dirty as a whole
        Reclaim.Range(mm, Machines.Base, 4 * FolioPages * g.PageSize);
        Assert.Equal(written, sys.Mmu.Read(mm, Machines.Base + (3 * g.PageSize)));
        Assert.Empty(sys.Oracle!.Losses);
    }
}
