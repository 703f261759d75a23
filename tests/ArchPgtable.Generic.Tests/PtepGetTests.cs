namespace ArchPgtable.Generic.Tests;

/// <summary>ptep_get / ptep_get_lockless: one plain read of the raw word.</summary>
public class PtepGetTests
{
    private readonly GenericRig _rig = new GenericRig().SeedStandardBatch();

    [Theory]
    [InlineData(8, 0x120801FUL)]
    [InlineData(9, 0x1209011UL)]
    [InlineData(100, 0x0UL)]
    public void PtepGet_returns_the_raw_word_for_one_read(int index, ulong expected)
    {
        var pte = Pte.None;

        var cost = _rig.Measure(() => pte = _rig.Ops.PtepGet(_rig.Ptep(index)));

        Assert.Equal(expected, pte.Value);
        Assert.Equal(GenericRig.Cost(reads: 1), cost);
    }

    [Theory]
    [InlineData(10, 0x120A017UL)]
    [InlineData(11, 0x120B019UL)]
    public void PtepGetLockless_is_PtepGet(int index, ulong expected)
    {
        var pte = Pte.None;

        var cost = _rig.Measure(() => pte = _rig.Ops.PtepGetLockless(_rig.Ptep(index)));

        Assert.Equal(expected, pte.Value);
        Assert.Equal(GenericRig.Cost(reads: 1), cost);
    }

    [Fact]
    public void Reading_changes_nothing()
    {
        var before = _rig.Words();

        _rig.Ops.PtepGet(_rig.Ptep(8));
        _rig.Ops.PtepGetLockless(_rig.Ptep(8));

        Assert.Equal(before, _rig.Words());
    }

    [Fact]
    public void The_null_pointer_is_rejected_naming_the_helper()
    {
        var ex = Assert.Throws<ArgumentException>(() => _rig.Ops.PtepGet(default));
        Assert.Contains("ptep_get: ptep is a null PTE pointer", ex.Message);

        ex = Assert.Throws<ArgumentException>(() => _rig.Ops.PtepGetLockless(default));
        Assert.Contains("ptep_get_lockless: ptep is a null PTE pointer", ex.Message);
    }

    [Fact]
    public void A_table_of_the_wrong_size_is_rejected()
    {
        var wrong = new PteTable(2048, _rig.Mm.Cost);

        var ex = Assert.Throws<ArgumentException>(() => _rig.Ops.PtepGet(wrong[0]));

        Assert.Contains("ptep_get:", ex.Message);
        Assert.Contains("2048 entries but PTRS_PER_PTE is 512", ex.Message);
        Assert.Equal(0, _rig.Mm.Cost.PteReads);
    }
}
