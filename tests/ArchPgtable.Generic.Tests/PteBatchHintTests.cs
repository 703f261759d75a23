namespace ArchPgtable.Generic.Tests;

/// <summary>pte_batch_hint: the generic default knows of no batch larger than one entry.</summary>
public class PteBatchHintTests
{
    private readonly GenericRig _rig = new GenericRig().SeedStandardBatch();

    [Theory]
    [InlineData(8, 0x120801FUL)]
    [InlineData(9, 0x1209011UL)]
    [InlineData(0, 0x0UL)]
    [InlineData(511, 0x5000031UL)]
    public void The_hint_is_one_and_reads_nothing(int index, ulong pte)
    {
        var hint = 0;

        var cost = _rig.Measure(() => hint = _rig.Ops.PteBatchHint(_rig.Ptep(index), new Pte(pte)));

        Assert.Equal(1, hint);
        Assert.Equal(GenericRig.Cost(), cost);
    }

    [Fact]
    public void The_null_pointer_is_rejected_naming_the_helper()
    {
        var ex = Assert.Throws<ArgumentException>(() => _rig.Ops.PteBatchHint(default, new Pte(0x120801F)));

        Assert.Contains("pte_batch_hint: ptep is a null PTE pointer", ex.Message);
    }
}
