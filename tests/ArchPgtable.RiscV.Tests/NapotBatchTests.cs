using ArchPgtable.RiscV.Tests.Support;
using NSubstitute;

namespace ArchPgtable.RiscV.Tests;

/// <summary>The batch helpers never break a NAPOT range needlessly.</summary>
public class NapotBatchTests
{
    private const ulong Napot12340 = 0x80000000048d20d7;

    private static RiscVWorld Mapped(ITlbFlusher? tlb = null)
    {
        var w = new RiscVWorld(tlb: tlb);
        w.Map(8, RiscVWorld.BasePfn - 8, 8);               // plain neighbours
        w.Map(16, RiscVWorld.BasePfn, 16);                 // one NAPOT range
        w.Map(32, RiscVWorld.BasePfn + 16, 16);            // another
        w.Mm.Cost.Reset();
        return w;
    }

    [Fact]
    public void Clear_young_dirty_inside_a_range_widens_to_the_whole_range_without_unfolding_or_flushing()
    {
        var tlb = Substitute.For<ITlbFlusher>();
        var w = Mapped(tlb);
        w.Ops.ClearYoungDirtyPtes(w.Mm, w.Addr(20), w.P(20), 4, CydpFlags.Young | CydpFlags.Dirty);

        Assert.All(Enumerable.Range(16, 16), i => Assert.Equal(new Pte(0x80000000048d2017), w.Raw(i)));
        Assert.Equal(new Pte(Napot12340 + 0x4000), w.Raw(32));       // the next range is untouched
        Assert.Equal(w.Plain(RiscVWorld.BasePfn - 1), w.Raw(15));   // and so is the plain neighbour
        Assert.Equal((0L, 0L), (w.Mm.Cost.Folds, w.Mm.Cost.Unfolds));
        Assert.Empty(tlb.ReceivedCalls());
    }

    [Fact]
    public void Clear_young_dirty_over_plain_and_napot_entries_clears_every_entry_it_covers()
    {
        var w = Mapped();
        w.Ops.MkoldCleanPtes(w.Mm, w.Addr(12), w.P(12), 24);       // 4 plain + range + 4 of the next range

        Assert.All(Enumerable.Range(12, 36), i => Assert.False(RiscVPte.Young(w.Raw(i)) || RiscVPte.Dirty(w.Raw(i))));
        Assert.All(Enumerable.Range(8, 4), i => Assert.True(RiscVPte.Dirty(w.Raw(i))));
        Assert.True(RiscVPte.Napot(w.Raw(47)));
        Assert.Equal(0, w.Mm.Cost.Unfolds);
    }

    [Fact]
    public void Wrprotect_of_whole_ranges_keeps_them_napot()
    {
        var w = Mapped();
        w.Ops.WrprotectPtes(w.Mm, w.Addr(16), w.P(16), 32);
        Assert.All(Enumerable.Range(16, 16), i => Assert.Equal(new Pte(0x80000000048d20d3), w.Raw(i)));
        Assert.Equal(0, w.Mm.Cost.Unfolds);
        Assert.All(Enumerable.Range(16, 32), i => Assert.False(w.Fmt.Write(w.Get(i))));
    }

    [Fact]
    public void Wrprotect_unfolds_only_the_partially_covered_end_ranges()
    {
        var w = Mapped();
        w.Ops.WrprotectPtes(w.Mm, w.Addr(20), w.P(20), 16);         // the end of one range and the start of the next

        Assert.Equal(2, w.Mm.Cost.Unfolds);
        Assert.All(Enumerable.Range(16, 32), i => Assert.False(RiscVPte.Napot(w.Raw(i))));
        Assert.All(Enumerable.Range(20, 16), i => Assert.False(w.Fmt.Write(w.Raw(i))));
        Assert.All(Enumerable.Range(16, 4).Concat(Enumerable.Range(36, 12)), i => Assert.True(w.Fmt.Write(w.Raw(i))));
    }

    [Fact]
    public void Get_and_clear_of_a_whole_range_returns_the_first_page_with_the_gathered_bits_and_does_not_unfold()
    {
        var w = Mapped();
        w.Ops.ClearYoungDirtyPtes(w.Mm, w.Addr(16), w.P(16), 16, CydpFlags.Young | CydpFlags.Dirty);
        w.Touch(29, write: true);

        var pte = w.Ops.GetAndClearFullPtes(w.Mm, w.Addr(16), w.P(16), 16, full: false);

        Assert.Equal(new Pte(0x48d00d7), pte);
        Assert.All(Enumerable.Range(16, 16), i => Assert.True(w.Raw(i).IsNone));
        Assert.Equal(0, w.Mm.Cost.Unfolds);
    }

    [Fact]
    public void Clear_full_of_part_of_a_range_unfolds_it()
    {
        var w = Mapped();
        w.Ops.ClearFullPtes(w.Mm, w.Addr(20), w.P(20), 4, full: false);
        Assert.Equal(1, w.Mm.Cost.Unfolds);
        Assert.All(Enumerable.Range(20, 4), i => Assert.True(w.Raw(i).IsNone));
        Assert.Equal(w.Plain(RiscVWorld.BasePfn + 9), w.Get(25));
    }

    [Fact]
    public void Test_and_clear_young_clears_the_whole_range_and_flush_young_does_not_flush()
    {
        var tlb = Substitute.For<ITlbFlusher>();
        var w = Mapped(tlb);
        Assert.True(w.Ops.PtepClearFlushYoung(w.Mm, w.Addr(21), w.P(21)));
        Assert.All(Enumerable.Range(16, 16), i => Assert.False(RiscVPte.Young(w.Raw(i))));
        Assert.True(RiscVPte.ValidNapot(w.Raw(21)));
        Assert.False(w.Ops.PtepTestAndClearYoung(w.Mm, w.Addr(21), w.P(21)));
        Assert.Empty(tlb.ReceivedCalls());
    }

    [Fact]
    public void Batch_contract_violations_are_rejected()
    {
        var w = Mapped();
        Assert.Throws<ArgumentOutOfRangeException>(() => w.Ops.WrprotectPtes(w.Mm, w.Addr(500), w.P(500), 13));
        Assert.Throws<ArgumentOutOfRangeException>(() => w.Ops.ClearYoungDirtyPtes(w.Mm, w.Addr(16), w.P(16), 0, CydpFlags.Young));
        var hole = Assert.Throws<ArgumentException>(() => w.Ops.WrprotectPtes(w.Mm, w.Addr(40), w.P(40), 16));
        Assert.Contains("wrprotect_ptes: entry 8 of the batch (PTE index 48) is not present (none)", hole.Message, StringComparison.Ordinal);
    }
}
