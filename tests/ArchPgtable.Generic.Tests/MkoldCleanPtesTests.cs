namespace ArchPgtable.Generic.Tests;

/// <summary>mkold_clean_ptes: get_and_clear, mkold, mkclean, set per entry — clear_young_dirty_ptes(Young|Dirty) in effect.</summary>
public class MkoldCleanPtesTests
{
    [Fact]
    public void Clears_young_and_dirty_on_each_entry_of_the_batch()
    {
        var rig = new GenericRig().SeedStandardBatch();

        var cost = rig.Measure(() => rig.Ops.MkoldCleanPtes(rig.Mm, GenericRig.Addr(8), rig.Ptep(8), 4));

        Assert.Equal(
            [0x120701FUL, 0x1208013UL, 0x1209011UL, 0x120A013UL, 0x120B011UL, 0x120C01FUL],
            rig.Words()[7..13]);
        Assert.Equal(GenericRig.Cost(reads: 4, writes: 8), cost);
    }

    [Theory]
    [InlineData(8, 4)]
    [InlineData(9, 2)]
    [InlineData(11, 1)]
    public void Equals_clear_young_dirty_ptes_with_young_and_dirty(int index, int nr)
    {
        var mkold = new GenericRig().SeedStandardBatch();
        var cydp = new GenericRig().SeedStandardBatch();
        var mkoldWrites = WriteRecorder.Attach(mkold.Table);
        var cydpWrites = WriteRecorder.Attach(cydp.Table);

        var mkoldCost = mkold.Measure(() => mkold.Ops.MkoldCleanPtes(mkold.Mm, GenericRig.Addr(index), mkold.Ptep(index), nr));
        var cydpCost = cydp.Measure(() => cydp.Ops.ClearYoungDirtyPtes(cydp.Mm, GenericRig.Addr(index), cydp.Ptep(index), nr, CydpFlags.Young | CydpFlags.Dirty));

        Assert.Equal(cydp.Words(), mkold.Words());
        Assert.Equal(cydpWrites.Writes, mkoldWrites.Writes);
        Assert.Equal(cydpCost, mkoldCost);
    }
}
