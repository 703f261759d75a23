namespace ArchPgtable.Abstractions.Tests;

/// <summary>Every kind of access to a PTE word is charged to the right counter, and only to it.</summary>
public class PteTableCountingTests
{
    private static Pte Old => new(0x1208011);
    private static Pte New => new(0x120801F);

    private readonly CostCounters _counters = new();
    private readonly PteTable _table;

    public PteTableCountingTests()
    {
        _table = new PteTable(512, _counters);
        _table.Write(3, Old);
        _counters.Reset();
    }

    private CostSnapshot Cost(Action access)
    {
        var before = _counters.Snapshot();
        access();
        return _counters.Snapshot() - before;
    }

    private static CostSnapshot Only(long reads = 0, long writes = 0, long atomics = 0, long hardware = 0) =>
        new(reads, writes, atomics, hardware, 0, 0, 0, 0, 0, 0, 0, 0);

    [Fact]
    public void Read_counts_one_read()
    {
        var value = Pte.None;

        var cost = Cost(() => value = _table.Read(3));

        Assert.Equal(Old, value);
        Assert.Equal(Only(reads: 1), cost);
    }

    [Fact]
    public void Write_counts_one_write()
    {
        var cost = Cost(() => _table.Write(3, New));

        Assert.Equal(New, _table.Peek(3));
        Assert.Equal(Only(writes: 1), cost);
    }

    [Fact]
    public void Exchange_counts_one_atomic_and_one_write_and_returns_the_old_value()
    {
        var found = Pte.None;

        var cost = Cost(() => found = _table.Exchange(3, New));

        Assert.Equal(Old, found);
        Assert.Equal(New, _table.Peek(3));
        Assert.Equal(Only(writes: 1, atomics: 1), cost);
    }

    [Fact]
    public void Successful_CompareExchange_counts_one_atomic_and_one_write()
    {
        var found = Pte.None;

        var cost = Cost(() => found = _table.CompareExchange(3, New, Old));

        Assert.Equal(Old, found);
        Assert.Equal(New, _table.Peek(3));
        Assert.Equal(Only(writes: 1, atomics: 1), cost);
    }

    [Fact]
    public void Failed_CompareExchange_counts_one_atomic_and_no_write()
    {
        var found = Pte.None;

        var cost = Cost(() => found = _table.CompareExchange(3, New, new Pte(0x1208013)));

        Assert.Equal(Old, found);
        Assert.Equal(Old, _table.Peek(3));
        Assert.Equal(Only(atomics: 1), cost);
    }

    [Fact]
    public void Successful_HardwareCompareExchange_counts_a_hardware_update_not_software_cost()
    {
        var young = new Pte(0x1208015);
        var found = Pte.None;

        var cost = Cost(() => found = _table.HardwareCompareExchange(3, young, Old));

        Assert.Equal(Old, found);
        Assert.Equal(young, _table.Peek(3));
        Assert.Equal(Only(hardware: 1), cost);
    }

    [Fact]
    public void Failed_HardwareCompareExchange_counts_nothing()
    {
        var found = Pte.None;

        var cost = Cost(() => found = _table.HardwareCompareExchange(3, New, Pte.None));

        Assert.Equal(Old, found);
        Assert.Equal(Old, _table.Peek(3));
        Assert.Equal(Only(), cost);
    }

    [Fact]
    public void Peek_and_CopyTo_are_not_counted()
    {
        var words = new ulong[512];
        var peeked = Pte.None;

        var cost = Cost(() =>
        {
            peeked = _table.Peek(3);
            _table.CopyTo(words);
        });

        Assert.Equal(Old, peeked);
        Assert.Equal(Old.Value, words[3]);
        Assert.Equal(0UL, words[2]);
        Assert.Equal(Only(), cost);
    }

    [Fact]
    public void Tables_sharing_counters_charge_the_same_instance()
    {
        var second = new PteTable(512, _counters);

        var cost = Cost(() =>
        {
            _table.Read(0);
            second.Read(0);
            second.Write(1, New);
        });

        Assert.Same(_counters, second.Counters);
        Assert.Equal(Only(reads: 2, writes: 1), cost);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-512)]
    [InlineData(500)]
    public void The_entry_count_must_be_a_positive_power_of_two(int entries) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new PteTable(entries));

    [Fact]
    public void A_new_table_is_all_none_and_remembers_its_base()
    {
        var table = new PteTable(2048, baseAddress: 0x40000000);
        var words = new ulong[2048];
        table.CopyTo(words);

        Assert.Equal(2048, table.Count);
        Assert.Equal(0x40000000UL, table.BaseAddress);
        Assert.All(words, w => Assert.Equal(0UL, w));
    }
}
