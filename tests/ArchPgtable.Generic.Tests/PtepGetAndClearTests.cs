namespace ArchPgtable.Generic.Tests;

/// <summary>ptep_get_and_clear / ptep_get_and_clear_full: read, store none, return the old value.</summary>
public class PtepGetAndClearTests
{
    private readonly GenericRig _rig = new GenericRig().SeedStandardBatch();

    [Fact]
    public void PtepGetAndClear_returns_the_old_word_and_leaves_none()
    {
        var old = Pte.None;

        var cost = _rig.Measure(() => old = _rig.Ops.PtepGetAndClear(_rig.Mm, GenericRig.Addr(8), _rig.Ptep(8)));

        Assert.Equal(0x120801FUL, old.Value);
        Assert.Equal(0UL, _rig.Word(8));
        Assert.Equal(0x120701FUL, _rig.Word(7));
        Assert.Equal(0x1209011UL, _rig.Word(9));
        Assert.Equal(GenericRig.Cost(reads: 1, writes: 1), cost);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void PtepGetAndClearFull_ignores_full(bool full)
    {
        var old = Pte.None;

        var cost = _rig.Measure(() => old = _rig.Ops.PtepGetAndClearFull(_rig.Mm, GenericRig.Addr(11), _rig.Ptep(11), full));

        Assert.Equal(0x120B019UL, old.Value);
        Assert.Equal(0UL, _rig.Word(11));
        Assert.Equal(0x120C01FUL, _rig.Word(12));
        Assert.Equal(GenericRig.Cost(reads: 1, writes: 1), cost);
    }

    [Fact]
    public void Clearing_a_none_entry_returns_none_and_still_stores()
    {
        var old = new Pte(1);

        var cost = _rig.Measure(() => old = _rig.Ops.PtepGetAndClear(_rig.Mm, GenericRig.Addr(100), _rig.Ptep(100)));

        Assert.True(old.IsNone);
        Assert.Equal(GenericRig.Cost(reads: 1, writes: 1), cost);
    }

    [Fact]
    public void Neither_flushes_the_TLB()
    {
        var cost = _rig.Measure(() =>
        {
            _rig.Ops.PtepGetAndClear(_rig.Mm, GenericRig.Addr(8), _rig.Ptep(8));
            _rig.Ops.PtepGetAndClearFull(_rig.Mm, GenericRig.Addr(9), _rig.Ptep(9), true);
        });

        Assert.Equal(0, cost.TlbFlushes);
    }
}
