namespace ArchPgtable.Abstractions.Tests;

public class PtePointerArithmeticTests
{
    private readonly PteTable _table = new(512);

    [Fact]
    public void Indexer_points_at_that_entry_of_that_table()
    {
        var p = _table[10];

        Assert.Same(_table, p.Table);
        Assert.Equal(10, p.Index);
    }

    [Theory]
    [InlineData(10, 5, 15)]
    [InlineData(10, 0, 10)]
    [InlineData(10, 501, 511)]
    [InlineData(0, 511, 511)]
    public void Adding_moves_forward_inside_the_table(int start, int n, int expected)
    {
        var p = _table[start] + n;

        Assert.Same(_table, p.Table);
        Assert.Equal(expected, p.Index);
    }

    [Theory]
    [InlineData(10, 10, 0)]
    [InlineData(511, 1, 510)]
    [InlineData(511, 511, 0)]
    public void Subtracting_moves_back_inside_the_table(int start, int n, int expected) =>
        Assert.Equal(expected, (_table[start] - n).Index);

    [Fact]
    public void Offset_with_a_negative_count_is_subtraction() =>
        Assert.Equal(_table[7], _table[10].Offset(-3));

    [Fact]
    public void Difference_of_two_pointers_is_their_index_distance()
    {
        Assert.Equal(15, _table[20] - _table[5]);
        Assert.Equal(-15, _table[5] - _table[20]);
        Assert.Equal(0, _table[9] - _table[9]);
    }

    [Fact]
    public void Difference_of_pointers_into_different_tables_throws()
    {
        var other = new PteTable(512);

        var ex = Assert.Throws<ArgumentException>(() => _table[3] - other[1]);
        Assert.Contains("different PTE tables", ex.Message);
    }

    [Theory]
    [InlineData(37, 16, 32)]
    [InlineData(32, 16, 32)]
    [InlineData(47, 16, 32)]
    [InlineData(48, 16, 48)]
    [InlineData(511, 128, 384)]
    [InlineData(13, 1, 13)]
    public void AlignDown_finds_the_first_entry_of_the_naturally_aligned_group(int index, int entries, int expected)
    {
        var aligned = _table[index].AlignDown(entries);

        Assert.Same(_table, aligned.Table);
        Assert.Equal(expected, aligned.Index);
    }

    [Theory]
    [InlineData(0, 512)]
    [InlineData(510, 2)]
    [InlineData(511, 1)]
    public void EntriesToTableEnd_counts_this_entry_and_those_after_it(int index, int expected) =>
        Assert.Equal(expected, _table[index].EntriesToTableEnd);

    [Fact]
    public void Pointers_are_equal_when_table_and_index_match()
    {
        var other = new PteTable(512);

        Assert.True(_table[4] == _table[4]);
        Assert.Equal(_table[4].GetHashCode(), _table[4].GetHashCode());
        Assert.True(_table[4] != _table[5]);
        Assert.True(_table[4] != other[4]);
        Assert.False(_table[4].Equals(other[4]));
        Assert.False(_table[4].Equals((object)4));
    }

    [Fact]
    public void Read_and_Write_through_a_pointer_touch_only_its_entry()
    {
        var p = _table[6];

        p.Write(new Pte(0x1234011));

        Assert.Equal(new Pte(0x1234011), _table.Peek(6));
        Assert.Equal(Pte.None, _table.Peek(5));
        Assert.Equal(Pte.None, _table.Peek(7));
        Assert.Equal(new Pte(0x1234011), p.Read());
        Assert.Equal(new Pte(0x1234011), p.Peek());
    }

    [Fact]
    public void ToString_names_the_index_and_the_table_base()
    {
        var table = new PteTable(512, baseAddress: 0x7f0000200000);

        Assert.Equal("pte[3] of table@0x7f0000200000", table[3].ToString());
    }
}
