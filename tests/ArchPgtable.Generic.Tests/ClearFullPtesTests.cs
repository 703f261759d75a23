namespace ArchPgtable.Generic.Tests;

/// <summary>clear_full_ptes: get-and-clear each of nr entries.</summary>
public class ClearFullPtesTests
{
    private readonly GenericRig _rig = new GenericRig().SeedStandardBatch();

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Clears_exactly_the_batch(bool full)
    {
        var cost = _rig.Measure(() => _rig.Ops.ClearFullPtes(_rig.Mm, GenericRig.Addr(8), _rig.Ptep(8), 4, full));

        Assert.Equal([0x120701FUL, 0, 0, 0, 0, 0x120C01FUL], _rig.Words()[7..13]);
        Assert.Equal(GenericRig.Cost(reads: 4, writes: 4), cost);
    }

    [Fact]
    public void A_batch_of_one_clears_one_entry()
    {
        var cost = _rig.Measure(() => _rig.Ops.ClearFullPtes(_rig.Mm, GenericRig.Addr(10), _rig.Ptep(10), 1, false));

        Assert.Equal([0x1209011UL, 0, 0x120B019UL], _rig.Words()[9..12]);
        Assert.Equal(GenericRig.Cost(reads: 1, writes: 1), cost);
    }
}
