namespace ArchPgtable.Generic.Tests;

/// <summary>set_ptes / set_pte_at: write the entry, advance its PFN by one, nr times.</summary>
public class SetPtesTests
{
    private readonly GenericRig _rig = new();

    [Fact]
    public void SetPtes_writes_nr_entries_advancing_the_pfn()
    {
        _rig.Seed((7, 0x120701F), (12, 0x120C01F));

        // PRESENT|WRITE|USER = 0x13, pfn 0x1208 -> 0x1208013; entry i gets pfn 0x1208 + i.
        var cost = _rig.Measure(() => _rig.Ops.SetPtes(_rig.Mm, GenericRig.Addr(8), _rig.Ptep(8), new Pte(0x1208013), 4));

        Assert.Equal(0x1208013UL, _rig.Word(8));
        Assert.Equal(0x1209013UL, _rig.Word(9));
        Assert.Equal(0x120A013UL, _rig.Word(10));
        Assert.Equal(0x120B013UL, _rig.Word(11));
        Assert.Equal(0x120701FUL, _rig.Word(7));
        Assert.Equal(0x120C01FUL, _rig.Word(12));
        Assert.Equal(GenericRig.Cost(writes: 4), cost);
    }

    [Fact]
    public void SetPtes_carries_from_the_low_pfn_digits_into_the_next()
    {
        // pfn 0xfff -> 0x1000: 0xfff013 then 0x1000013.
        _rig.Ops.SetPtes(_rig.Mm, GenericRig.Addr(20), _rig.Ptep(20), new Pte(0xFFF013), 2);

        Assert.Equal(0xFFF013UL, _rig.Word(20));
        Assert.Equal(0x1000013UL, _rig.Word(21));
    }

    [Fact]
    public void SetPtes_may_fill_up_to_the_last_entry_of_the_table()
    {
        _rig.Ops.SetPtes(_rig.Mm, GenericRig.Addr(508), _rig.Ptep(508), new Pte(0x5000031), 4);

        Assert.Equal(
            [0x5000031UL, 0x5001031UL, 0x5002031UL, 0x5003031UL],
            _rig.Words()[508..]);
    }

    [Fact]
    public void SetPtes_with_one_entry_may_replace_a_present_entry()
    {
        _rig.SeedStandardBatch();

        var cost = _rig.Measure(() => _rig.Ops.SetPtes(_rig.Mm, GenericRig.Addr(8), _rig.Ptep(8), new Pte(0x1208011), 1));

        Assert.Equal(0x1208011UL, _rig.Word(8));
        Assert.Equal(0x1209011UL, _rig.Word(9));
        Assert.Equal(GenericRig.Cost(writes: 1), cost);
    }

    [Fact]
    public void SetPtes_with_one_entry_may_store_a_non_present_value()
    {
        _rig.SeedStandardBatch();

        _rig.Ops.SetPtes(_rig.Mm, GenericRig.Addr(9), _rig.Ptep(9), Pte.None, 1);

        Assert.Equal(0UL, _rig.Word(9));
    }

    [Fact]
    public void SetPteAt_writes_exactly_one_entry()
    {
        _rig.SeedStandardBatch();

        var cost = _rig.Measure(() => _rig.Ops.SetPteAt(_rig.Mm, GenericRig.Addr(10), _rig.Ptep(10), new Pte(0x4321035)));

        Assert.Equal(0x4321035UL, _rig.Word(10));
        Assert.Equal(0x1209011UL, _rig.Word(9));
        Assert.Equal(0x120B019UL, _rig.Word(11));
        Assert.Equal(GenericRig.Cost(writes: 1), cost);
    }
}
