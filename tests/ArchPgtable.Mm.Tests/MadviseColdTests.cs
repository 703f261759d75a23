using ArchPgtable.Mm.Memory;
using ArchPgtable.Mm.Operations;

namespace ArchPgtable.Mm.Tests;

public class MadviseColdTests
{
    [Theory]
    [MemberData(nameof(Machines.All), MemberType = typeof(Machines))]
    public void Cold_clears_young_keeps_dirty_and_deactivates_without_splitting_whole_folios(string arch)
    {
        var a = Machines.Build(arch);
        var g = a.Geometry;
        var (sys, mm) = Machines.Create(a, 32 * g.PageSize, folioOrder: 4);
        Machines.WriteAll(sys, mm, Machines.Base, 32 * g.PageSize);
        var head = a.Format.Pfn(Machines.Get(sys, mm, Machines.Base));
        sys.Memory.SetFlags(head, FolioFlags.Referenced);

        var before = sys.Counters.Snapshot();
        Madvise.Cold(mm, Machines.Base, 32 * g.PageSize);
        var cost = sys.Counters.Snapshot() - before;

        Assert.Equal(0, cost.FolioSplits);
        Assert.Equal(1, cost.TlbFlushRange);
        Assert.False(sys.Memory.Test(head, FolioFlags.Referenced));
        for (var va = Machines.Base; va < Machines.Base + (32 * g.PageSize); va += g.PageSize)
        {
            var pte = Machines.Get(sys, mm, va);
            Assert.False(a.Format.Young(pte), $"0x{va:x} young");
            Assert.True(a.Format.Dirty(pte), $"0x{va:x} lost its dirty bit");
            Assert.True(sys.Memory.Test(a.Format.Pfn(pte), FolioFlags.SwapBacked));
        }

        Assert.All(Reclaim.Range(mm, Machines.Base, 32 * g.PageSize), o => Assert.Equal(ReclaimOutcome.SwappedOut, o.Outcome));
    }

    [Theory]
    [MemberData(nameof(Machines.All), MemberType = typeof(Machines))]
    public void Cold_splits_a_folio_the_range_cuts(string arch)
    {
        var a = Machines.Build(arch);
        var g = a.Geometry;
        var (sys, mm) = Machines.Create(a, 32 * g.PageSize, folioOrder: 4);
        Machines.WriteAll(sys, mm, Machines.Base, 32 * g.PageSize);
        Madvise.Cold(mm, Machines.Base + (4 * g.PageSize), 4 * g.PageSize);
        Assert.Equal(1, sys.Counters.FolioSplits);
        Assert.False(a.Format.Young(Machines.Get(sys, mm, Machines.Base + (5 * g.PageSize))));
        Assert.True(a.Format.Young(Machines.Get(sys, mm, Machines.Base + (16 * g.PageSize))));
    }
}
