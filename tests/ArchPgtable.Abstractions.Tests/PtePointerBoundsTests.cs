namespace ArchPgtable.Abstractions.Tests;

public class PtePointerBoundsTests
{
    private readonly PteTable _table = new(512);

    [Theory]
    [InlineData(-1)]
    [InlineData(512)]
    [InlineData(int.MinValue)]
    public void Constructing_a_pointer_outside_the_table_throws_naming_the_index(int index)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new PtePointer(_table, index));

        Assert.Equal("index", ex.ParamName);
        Assert.Contains($"PTE index {index}", ex.Message);
        Assert.Contains("0..511", ex.Message);
    }

    [Fact]
    public void The_table_indexer_rejects_an_index_past_the_end() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => _table[512]);

    [Fact]
    public void Constructing_a_pointer_into_no_table_throws() =>
        Assert.Throws<ArgumentNullException>(() => new PtePointer(null!, 0));

    [Theory]
    [InlineData(510, 2)]
    [InlineData(0, 512)]
    [InlineData(500, int.MaxValue)]
    public void Adding_past_the_last_entry_throws_naming_the_index(int start, int n)
    {
        var p = _table[start];

        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => p + n);

        Assert.Equal("n", ex.ParamName);
        Assert.Equal(n, ex.ActualValue);
        Assert.Contains($"index {start} + {n}", ex.Message);
        Assert.Contains("0..511", ex.Message);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(5, 6)]
    [InlineData(511, 512)]
    public void Subtracting_before_the_first_entry_throws_naming_the_index(int start, int n)
    {
        var p = _table[start];

        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => p - n);

        Assert.Equal("n", ex.ParamName);
        Assert.Contains($"index {start} + {-n}", ex.Message);
        Assert.Contains("0..511", ex.Message);
    }

    [Fact]
    public void A_failed_step_leaves_the_original_pointer_usable()
    {
        var p = _table[511];

        Assert.Throws<ArgumentOutOfRangeException>(() => p + 1);

        Assert.Equal(511, p.Index);
        Assert.Equal(510, (p - 1).Index);
    }
}
