using NSubstitute;

namespace ArchPgtable.Generic.Tests;

/// <summary>ptep_set_access_flags: if entry differs, store it and flush the page; return whether it changed.</summary>
public class PtepSetAccessFlagsTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_different_entry_is_stored_and_the_page_flushed(bool dirty)
    {
        var rig = new GenericRig().SeedStandardBatch();
        var changed = false;

        // 9 = 0x1209011; the fault makes it young, dirty and writable: 0x120901f.
        var cost = rig.Measure(() => changed = rig.Ops.PtepSetAccessFlags(rig.Mm, GenericRig.Addr(9), rig.Ptep(9), new Pte(0x120901F), dirty));

        Assert.True(changed);
        Assert.Equal(0x120901FUL, rig.Word(9));
        Assert.Equal(GenericRig.Cost(reads: 1, writes: 1, pageFlushes: 1), cost);
    }

    [Fact]
    public void The_flush_is_for_the_faulting_page()
    {
        var tlb = Substitute.For<ITlbFlusher>();
        var rig = new GenericRig(tlb: tlb).SeedStandardBatch();

        rig.Ops.PtepSetAccessFlags(rig.Mm, GenericRig.Addr(9), rig.Ptep(9), new Pte(0x1209015), true);

        tlb.Received(1).FlushPage(0x7f0000209000);
        tlb.DidNotReceive().FlushPage(Arg.Is<ulong>(a => a != 0x7f0000209000));
    }

    [Fact]
    public void An_identical_entry_is_neither_stored_nor_flushed()
    {
        var tlb = Substitute.For<ITlbFlusher>();
        var rig = new GenericRig(tlb: tlb).SeedStandardBatch();
        var changed = true;

        var cost = rig.Measure(() => changed = rig.Ops.PtepSetAccessFlags(rig.Mm, GenericRig.Addr(8), rig.Ptep(8), new Pte(0x120801F), true));

        Assert.False(changed);
        Assert.Equal(0x120801FUL, rig.Word(8));
        Assert.Equal(GenericRig.Cost(reads: 1), cost);
        tlb.DidNotReceive().FlushPage(Arg.Any<ulong>());
    }

    [Fact]
    public void The_generic_default_stores_the_entry_as_given_even_if_less_permissive()
    {
        var rig = new GenericRig().SeedStandardBatch();

        // mm/pgtable-generic.c stores `entry` whenever it differs; only arm64 restricts to making it more permissive.
        var changed = rig.Ops.PtepSetAccessFlags(rig.Mm, GenericRig.Addr(8), rig.Ptep(8), new Pte(0x1208011), false);

        Assert.True(changed);
        Assert.Equal(0x1208011UL, rig.Word(8));
    }
}
