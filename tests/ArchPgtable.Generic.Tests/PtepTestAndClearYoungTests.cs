namespace ArchPgtable.Generic.Tests;

/// <summary>ptep_test_and_clear_young: read; if young, store it old and return true; else store nothing.</summary>
public class PtepTestAndClearYoungTests
{
    private readonly GenericRig _rig = new GenericRig().SeedStandardBatch();

    [Theory]
    [InlineData(8, 0x120801BUL)]  // 0x1f & ~YOUNG: dirty and write kept
    [InlineData(10, 0x120A013UL)] // 0x17 & ~YOUNG
    public void A_young_entry_is_made_old_and_true_is_returned(int index, ulong expected)
    {
        var young = false;

        var cost = _rig.Measure(() => young = _rig.Ops.PtepTestAndClearYoung(_rig.Mm, GenericRig.Addr(index), _rig.Ptep(index)));

        Assert.True(young);
        Assert.Equal(expected, _rig.Word(index));
        Assert.Equal(GenericRig.Cost(reads: 1, writes: 1), cost);
    }

    [Theory]
    [InlineData(9, 0x1209011UL)]
    [InlineData(11, 0x120B019UL)]
    public void An_old_entry_is_not_written_and_false_is_returned(int index, ulong unchanged)
    {
        var young = true;

        var cost = _rig.Measure(() => young = _rig.Ops.PtepTestAndClearYoung(_rig.Mm, GenericRig.Addr(index), _rig.Ptep(index)));

        Assert.False(young);
        Assert.Equal(unchanged, _rig.Word(index));
        Assert.Equal(GenericRig.Cost(reads: 1), cost);
    }

    [Fact]
    public void It_never_flushes_the_TLB()
    {
        var cost = _rig.Measure(() => _rig.Ops.PtepTestAndClearYoung(_rig.Mm, GenericRig.Addr(8), _rig.Ptep(8)));

        Assert.Equal(0, cost.TlbFlushes);
    }
}
