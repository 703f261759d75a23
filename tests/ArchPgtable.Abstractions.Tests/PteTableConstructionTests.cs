namespace ArchPgtable.Abstractions.Tests;

public sealed class PteTableConstructionTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(-16)]
    [InlineData(513)]
    public void A_size_that_is_not_a_positive_power_of_two_is_refused_by_name(int entries)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new PteTable(entries));

        Assert.Equal("entries", ex.ParamName);
        Assert.Contains("PTRS_PER_PTE must be a positive power of two.", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(512)]
    public void A_power_of_two_gives_that_many_none_entries(int entries)
    {
        var t = new PteTable(entries);

        Assert.Equal(entries, t.Count);
        Assert.All(Enumerable.Range(0, entries), i => Assert.Equal(0UL, t.Peek(i).Value));
    }
}
