using ArchPgtable.Arm64.Tests.Support;
using NSubstitute;

namespace ArchPgtable.Arm64.Tests;

/// <summary>wrprotect_ptes / ptep_set_wrprotect: unfold exactly the partially covered end blocks.</summary>
public class WrprotectTests
{
    [Theory]
    [MemberData(nameof(Granules.All), MemberType = typeof(Granules))]
    public void Batch_unfolds_exactly_the_partially_covered_end_blocks(Arm64Granule g)
    {
        var tlb = Substitute.For<ITlbFlusher>();
        var events = Substitute.For<ICostCounters>();
        var w = new World(g, tlb: tlb, events: events);
        var c = w.C;
        var f = 2 * c;
        w.Mm.AddFolio(World.BasePfn, 4 * c);
        w.Map(f, World.BasePfn, 4 * c);                 // blocks X0..X3, all cont
        w.Touch(f + 1);                                 // X0, outside the range below
        w.Touch(f + (c / 2) + 1);                       // X0, inside
        w.Touch(f + c + 3);                             // X1, fully covered
        var start = f + (c / 2);
        var nr = 2 * c;                                 // [X0 + c/2, X2 + c/2)
        var dirtyBefore = Enumerable.Range(0, w.Table.Count).Select(i => Arm64Pte.Dirty(w.Get(i))).ToArray();

        w.Ops.WrprotectPtes(w.Mm, w.Addr(start), w.P(start), nr);

        events.Received(1).Unfold(w.Addr(f), c);
        events.Received(1).Unfold(w.Addr(f + (2 * c)), c);
        events.ReceivedWithAnyArgs(2).Unfold(default, default);
        events.DidNotReceiveWithAnyArgs().Fold(default, default);
        tlb.Received(1).FlushRange(w.Addr(f), w.Addr(f + c), w.PageSize, true, true);
        tlb.Received(1).FlushRange(w.Addr(f + (2 * c)), w.Addr(f + (3 * c)), w.PageSize, true, true);
        tlb.ReceivedWithAnyArgs(2).FlushRange(default, default, default, default, default);

        for (var i = f; i < f + (4 * c); i++)
        {
            var inRange = i >= start && i < start + nr;
            var block = (i - f) / c;
            Assert.True(inRange == !Arm64Pte.Write(w.Get(i)), $"entry {i}: write should be {!inRange}");
            Assert.True(dirtyBefore[i] == Arm64Pte.Dirty(w.Get(i)), $"entry {i}: dirtiness changed");
            Assert.True((block is 1 or 3) == w.IsCont(i), $"entry {i} (block {block}): cont should be {block is 1 or 3}");
        }
    }

    [Theory]
    [MemberData(nameof(Granules.All), MemberType = typeof(Granules))]
    public void Batch_covering_whole_blocks_never_unfolds(Arm64Granule g)
    {
        var w = new World(g);
        var c = w.C;
        w.Map(0, World.BasePfn, 2 * c);
        w.Touch(3);
        w.Ops.WrprotectPtes(w.Mm, w.Addr(0), w.P(0), 2 * c);
        Assert.Equal(0, w.Mm.Cost.Unfolds);
        Assert.Equal(0, w.Mm.Cost.TlbFlushes);
        for (var i = 0; i < 2 * c; i++)
        {
            Assert.True(w.IsCont(i));
            Assert.False(Arm64Pte.Write(w.Raw(i)));
        }

        Assert.True(Arm64Pte.Dirty(w.Get(0)));                // hw dirty of entry 3 moved into PTE_DIRTY
        Assert.True(Arm64Pte.SwDirty(w.Raw(3)));
    }

    [Theory]
    [MemberData(nameof(Granules.All), MemberType = typeof(Granules))]
    public void Single_entry_unfolds_its_block(Arm64Granule g)
    {
        var w = new World(g);
        var c = w.C;
        w.Mm.AddFolio(World.BasePfn, c);
        w.Map(0, World.BasePfn, c);
        w.Ops.PtepSetWrprotect(w.Mm, w.Addr(4), w.P(4));
        Assert.Equal(1, w.Mm.Cost.Unfolds);
        Assert.False(Arm64Pte.Write(w.Raw(4)));
        for (var i = 0; i < c; i++)
        {
            Assert.False(w.IsCont(i));
            Assert.Equal(i != 4, Arm64Pte.Write(w.Raw(i)));
        }

        // A non-cont entry: no unfold.
        w.Ops.WrprotectPtes(w.Mm, w.Addr(5), w.P(5), 1);
        Assert.Equal(1, w.Mm.Cost.Unfolds);
        Assert.False(Arm64Pte.Write(w.Raw(5)));
    }
}
