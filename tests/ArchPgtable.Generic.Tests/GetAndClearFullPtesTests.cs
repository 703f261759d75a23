namespace ArchPgtable.Generic.Tests;

/// <summary>get_and_clear_full_ptes: clear nr entries, return the first one's old value with young/dirty OR-ed over the batch.</summary>
public class GetAndClearFullPtesTests
{
    private readonly GenericRig _rig = new GenericRig().SeedStandardBatch();

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Returns_the_first_entry_with_young_and_dirty_gathered_from_the_batch(bool full)
    {
        var pte = Pte.None;

        // 9 = 0x1209011 (old, clean, RO); 10 is young, 11 is dirty.
        // Result: 0x1209011 | YOUNG(4) | DIRTY(8) = 0x120901d; WRITE (from 10) is not gathered, the pfn stays 0x1209.
        var cost = _rig.Measure(() => pte = _rig.Ops.GetAndClearFullPtes(_rig.Mm, GenericRig.Addr(9), _rig.Ptep(9), 3, full));

        Assert.Equal(0x120901DUL, pte.Value);
        Assert.Equal(0UL, _rig.Word(9));
        Assert.Equal(0UL, _rig.Word(10));
        Assert.Equal(0UL, _rig.Word(11));
        Assert.Equal(0x120801FUL, _rig.Word(8));
        Assert.Equal(0x120C01FUL, _rig.Word(12));
        Assert.Equal(GenericRig.Cost(reads: 3, writes: 3), cost);
    }

    [Fact]
    public void Young_alone_is_gathered_when_no_entry_is_dirty()
    {
        // 9 = 0x1209011, 10 = 0x120a017 (young, not dirty) -> 0x1209015.
        var pte = _rig.Ops.GetAndClearFullPtes(_rig.Mm, GenericRig.Addr(9), _rig.Ptep(9), 2, false);

        Assert.Equal(0x1209015UL, pte.Value);
    }

    [Fact]
    public void A_batch_of_one_returns_that_entry_unchanged()
    {
        var pte = _rig.Ops.GetAndClearFullPtes(_rig.Mm, GenericRig.Addr(9), _rig.Ptep(9), 1, true);

        Assert.Equal(0x1209011UL, pte.Value);
        Assert.Equal(0UL, _rig.Word(9));
        Assert.Equal(0x120A017UL, _rig.Word(10));
    }

    [Fact]
    public void A_first_entry_already_young_and_dirty_is_returned_as_is()
    {
        var pte = _rig.Ops.GetAndClearFullPtes(_rig.Mm, GenericRig.Addr(8), _rig.Ptep(8), 4, false);

        Assert.Equal(0x120801FUL, pte.Value);
        Assert.Equal(new ulong[4], _rig.Words()[8..12]);
    }
}
