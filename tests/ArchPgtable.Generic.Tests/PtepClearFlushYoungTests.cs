using NSubstitute;

namespace ArchPgtable.Generic.Tests;

/// <summary>ptep_clear_flush_young: test-and-clear young, then flush the page only if it was young.</summary>
public class PtepClearFlushYoungTests
{
    [Fact]
    public void A_young_entry_is_made_old_and_its_page_flushed_once()
    {
        var tlb = Substitute.For<ITlbFlusher>();
        var rig = new GenericRig(tlb: tlb).SeedStandardBatch();

        var young = rig.Ops.PtepClearFlushYoung(rig.Mm, GenericRig.Addr(10), rig.Ptep(10));

        Assert.True(young);
        Assert.Equal(0x120A013UL, rig.Word(10));
        tlb.Received(1).FlushPage(0x7f000020A000);
        tlb.DidNotReceive().FlushRange(Arg.Any<ulong>(), Arg.Any<ulong>(), Arg.Any<ulong>(), Arg.Any<bool>(), Arg.Any<bool>());
        tlb.DidNotReceive().FlushAll();
    }

    [Fact]
    public void An_old_entry_is_neither_written_nor_flushed()
    {
        var tlb = Substitute.For<ITlbFlusher>();
        var rig = new GenericRig(tlb: tlb).SeedStandardBatch();

        var young = rig.Ops.PtepClearFlushYoung(rig.Mm, GenericRig.Addr(9), rig.Ptep(9));

        Assert.False(young);
        Assert.Equal(0x1209011UL, rig.Word(9));
        Assert.Equal(0, rig.Mm.Cost.PteWrites);
        tlb.DidNotReceive().FlushPage(Arg.Any<ulong>());
    }

    [Fact]
    public void The_counted_cost_is_one_read_one_write_and_one_page_flush_when_young()
    {
        var rig = new GenericRig().SeedStandardBatch();

        var cost = rig.Measure(() => rig.Ops.PtepClearFlushYoung(rig.Mm, GenericRig.Addr(8), rig.Ptep(8)));

        Assert.Equal(0x120801BUL, rig.Word(8));
        Assert.Equal(GenericRig.Cost(reads: 1, writes: 1, pageFlushes: 1), cost);
    }

    [Fact]
    public void The_counted_cost_is_one_read_when_old()
    {
        var rig = new GenericRig().SeedStandardBatch();

        var cost = rig.Measure(() => rig.Ops.PtepClearFlushYoung(rig.Mm, GenericRig.Addr(11), rig.Ptep(11)));

        Assert.Equal(GenericRig.Cost(reads: 1), cost);
    }
}
