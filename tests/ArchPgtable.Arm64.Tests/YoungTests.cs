using ArchPgtable.Arm64.Tests.Support;
using NSubstitute;

namespace ArchPgtable.Arm64.Tests;

/// <summary>ptep_test_and_clear_young / ptep_clear_flush_young: block-wide on cont entries, never an unfold.</summary>
public class YoungTests
{
    [Theory]
    [MemberData(nameof(Granules.All), MemberType = typeof(Granules))]
    public void Test_and_clear_young_clears_the_whole_block(Arm64Granule g)
    {
        var w = new World(g);
        var c = w.C;
        w.Map(0, World.BasePfn, c);
        w.Touch(5, write: false);
        w.Touch(c - 1);

        Assert.True(w.Ops.PtepTestAndClearYoung(w.Mm, w.Addr(2), w.P(2)));  // entry 2 itself was old

        for (var i = 0; i < c; i++)
        {
            Assert.False(Arm64Pte.Young(w.Raw(i)), $"entry {i} still young");
            Assert.True(w.IsCont(i));
        }

        Assert.True(Arm64Pte.Dirty(w.Get(0)));                              // dirty untouched
        Assert.Equal(0, w.Mm.Cost.Unfolds);
        Assert.False(w.Ops.PtepTestAndClearYoung(w.Mm, w.Addr(2), w.P(2)));
    }

    [Theory]
    [MemberData(nameof(Granules.All), MemberType = typeof(Granules))]
    public void Test_and_clear_young_on_a_non_cont_entry_touches_only_it(Arm64Granule g)
    {
        var w = new World(g);
        var c = w.C;
        w.Map(0, World.BasePfn + 1, c);   // not cont
        w.Touch(5, write: false);
        w.Touch(6, write: false);
        Assert.True(w.Ops.PtepTestAndClearYoung(w.Mm, w.Addr(5), w.P(5)));
        Assert.False(Arm64Pte.Young(w.Raw(5)));
        Assert.True(Arm64Pte.Young(w.Raw(6)));
        Assert.False(w.Ops.PtepTestAndClearYoung(w.Mm, w.Addr(5), w.P(5)));
    }

    [Theory]
    [MemberData(nameof(Granules.All), MemberType = typeof(Granules))]
    public void Clear_flush_young_on_a_cont_block_flushes_the_block_without_sync(Arm64Granule g)
    {
        var tlb = Substitute.For<ITlbFlusher>();
        var w = new World(g, tlb: tlb);
        var c = w.C;
        w.Map(c, World.BasePfn, c);
        w.Touch(c + 9, write: false);

        Assert.True(w.Ops.PtepClearFlushYoung(w.Mm, w.Addr(c + 3), w.P(c + 3)));
        tlb.Received(1).FlushRange(w.Addr(c), w.Addr(2 * c), w.PageSize, true, false);
        tlb.DidNotReceiveWithAnyArgs().FlushPage(default);
        Assert.False(Arm64Pte.Young(w.Get(c + 3)));

        tlb.ClearReceivedCalls();
        Assert.False(w.Ops.PtepClearFlushYoung(w.Mm, w.Addr(c + 3), w.P(c + 3)));
        tlb.DidNotReceiveWithAnyArgs().FlushRange(default, default, default, default, default);
        Assert.Equal(0, w.Mm.Cost.Unfolds);
    }

    [Theory]
    [MemberData(nameof(Granules.All), MemberType = typeof(Granules))]
    public void Clear_flush_young_on_a_non_cont_entry_flushes_the_page(Arm64Granule g)
    {
        var tlb = Substitute.For<ITlbFlusher>();
        var w = new World(g, tlb: tlb);
        w.Map(0, World.BasePfn + 1, 4);
        w.Touch(2, write: false);
        Assert.True(w.Ops.PtepClearFlushYoung(w.Mm, w.Addr(2), w.P(2)));
        tlb.Received(1).FlushPage(w.Addr(2));
        tlb.DidNotReceiveWithAnyArgs().FlushRange(default, default, default, default, default);
        Assert.False(w.Ops.PtepClearFlushYoung(w.Mm, w.Addr(2), w.P(2)));
        tlb.Received(1).FlushPage(w.Addr(2));
    }
}
