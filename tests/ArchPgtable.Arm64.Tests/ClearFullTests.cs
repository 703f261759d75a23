using ArchPgtable.Arm64.Tests.Support;

namespace ArchPgtable.Arm64.Tests;

/// <summary>clear_full_ptes / get_and_clear_full_ptes / ptep_get_and_clear.</summary>
public class ClearFullTests
{
    [Theory]
    [MemberData(nameof(Granules.All), MemberType = typeof(Granules))]
    public void Get_and_clear_full_unfolds_partial_ends_and_merges_young_dirty(Arm64Granule g)
    {
        var w = new World(g);
        var c = w.C;
        w.Mm.AddFolio(World.BasePfn, 4 * c);
        w.Map(0, World.BasePfn, 4 * c);
        w.Touch(c + 5);                                    // inside the range, fully covered block 1
        var start = c - 2;
        var nr = c + 4;                                    // [c-2, 2c+2): partial block 0, full block 1, partial block 2

        var first = w.Ops.GetAndClearFullPtes(w.Mm, w.Addr(start), w.P(start), nr, full: false);

        Assert.Equal(2, w.Mm.Cost.Unfolds);
        Assert.Equal(World.BasePfn + (ulong)start, w.Fmt.Pfn(first));
        Assert.True(Arm64Pte.Young(first) && Arm64Pte.Dirty(first));
        for (var i = 0; i < 4 * c; i++)
        {
            var inRange = i >= start && i < start + nr;
            Assert.Equal(inRange, w.Raw(i).IsNone);
            if (!inRange)
            {
                Assert.Equal(i >= 3 * c, w.IsCont(i));    // block 3 untouched; outside parts of 0 and 2 unfolded
            }
        }
    }

    [Theory]
    [MemberData(nameof(Granules.All), MemberType = typeof(Granules))]
    public void Clear_full_on_whole_blocks_never_unfolds(Arm64Granule g)
    {
        var w = new World(g);
        var c = w.C;
        w.Map(0, World.BasePfn, 2 * c);
        w.Ops.ClearFullPtes(w.Mm, w.Addr(0), w.P(0), 2 * c, full: true);
        Assert.Equal(0, w.Mm.Cost.Unfolds);
        Assert.Equal(0, w.Mm.Cost.TlbFlushes);
        Assert.All(Enumerable.Range(0, 2 * c), i => Assert.True(w.Raw(i).IsNone));
    }

    [Theory]
    [MemberData(nameof(Granules.All), MemberType = typeof(Granules))]
    public void Single_entry_clears_unfold_the_block(Arm64Granule g)
    {
        var w = new World(g);
        var c = w.C;
        w.Mm.AddFolio(World.BasePfn, 3 * c);
        w.Map(0, World.BasePfn, c);
        w.Map(c, World.BasePfn + (ulong)c, c);
        w.Map(2 * c, World.BasePfn + (ulong)(2 * c), c);
        w.Touch(c - 1);

        var old = w.Ops.PtepGetAndClear(w.Mm, w.Addr(0), w.P(0));
        Assert.True(Arm64Pte.Young(old) && Arm64Pte.Dirty(old));   // the unfold smeared entry c-1's A/D into it
        Assert.False(Arm64Pte.Cont(old));
        w.Ops.ClearFullPtes(w.Mm, w.Addr(c), w.P(c), 1, full: false);
        w.Ops.GetAndClearFullPtes(w.Mm, w.Addr(2 * c), w.P(2 * c), 1, full: false);
        w.Ops.PtepGetAndClearFull(w.Mm, w.Addr(1), w.P(1), full: true); // generic -> ptep_get_and_clear, block already unfolded

        Assert.Equal(3, w.Mm.Cost.Unfolds);
        Assert.True(w.Raw(0).IsNone && w.Raw(1).IsNone && w.Raw(c).IsNone && w.Raw(2 * c).IsNone);
        for (var i = 0; i < 3 * c; i++)
        {
            Assert.False(w.IsCont(i));
        }
    }
}
