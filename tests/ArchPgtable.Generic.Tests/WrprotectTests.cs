namespace ArchPgtable.Generic.Tests;

/// <summary>ptep_set_wrprotect / wrprotect_ptes: read, clear WRITE, store; dirtiness preserved.</summary>
public class WrprotectTests
{
    private readonly GenericRig _rig = new GenericRig().SeedStandardBatch();

    [Fact]
    public void PtepSetWrprotect_clears_only_the_write_bit()
    {
        // 0x1f & ~WRITE(2) = 0x1d: still YOUNG|DIRTY.
        var cost = _rig.Measure(() => _rig.Ops.PtepSetWrprotect(_rig.Mm, GenericRig.Addr(8), _rig.Ptep(8)));

        Assert.Equal(0x120801DUL, _rig.Word(8));
        Assert.Equal(0x120701FUL, _rig.Word(7));
        Assert.Equal(0x1209011UL, _rig.Word(9));
        Assert.Equal(GenericRig.Cost(reads: 1, writes: 1), cost);
    }

    [Fact]
    public void PtepSetWrprotect_stores_even_when_the_entry_is_already_read_only()
    {
        var writes = WriteRecorder.Attach(_rig.Table);

        var cost = _rig.Measure(() => _rig.Ops.PtepSetWrprotect(_rig.Mm, GenericRig.Addr(9), _rig.Ptep(9)));

        Assert.Equal(0x1209011UL, _rig.Word(9));
        Assert.Equal([(9, 0x1209011UL)], writes.Writes);
        Assert.Equal(GenericRig.Cost(reads: 1, writes: 1), cost);
    }

    [Fact]
    public void WrprotectPtes_write_protects_each_entry_of_the_batch_and_nothing_else()
    {
        var cost = _rig.Measure(() => _rig.Ops.WrprotectPtes(_rig.Mm, GenericRig.Addr(8), _rig.Ptep(8), 4));

        Assert.Equal(
            [0x120701FUL, 0x120801DUL, 0x1209011UL, 0x120A015UL, 0x120B019UL, 0x120C01FUL],
            _rig.Words()[7..13]);
        Assert.Equal(GenericRig.Cost(reads: 4, writes: 4), cost);
    }

    [Fact]
    public void WrprotectPtes_of_one_entry_is_PtepSetWrprotect()
    {
        var cost = _rig.Measure(() => _rig.Ops.WrprotectPtes(_rig.Mm, GenericRig.Addr(10), _rig.Ptep(10), 1));

        Assert.Equal(0x120A015UL, _rig.Word(10));
        Assert.Equal(0x120B019UL, _rig.Word(11));
        Assert.Equal(GenericRig.Cost(reads: 1, writes: 1), cost);
    }
}
