namespace ArchPgtable.Abstractions.Tests;

public sealed class PteTableTransformTests
{
    private readonly struct SetBit4 : IPteTransform
    {
        public Pte Apply(Pte pte) => new(pte.Value | 0x10);
    }

    private static PteTable Table(CostCounters counters)
    {
        var t = new PteTable(16, counters);
        for (var i = 0; i < 16; i++)
        {
            t.Write(i, new Pte((ulong)i << 12));
        }

        counters.Reset();
        return t;
    }

    [Fact]
    public void Transform_applies_to_exactly_the_range_and_counts_a_read_and_a_write_per_entry()
    {
        var counters = new CostCounters();
        var t = Table(counters);
        t.Transform(3, 4, default(SetBit4));
        for (var i = 0; i < 16; i++)
        {
            var expected = ((ulong)i << 12) | (i is >= 3 and < 7 ? 0x10UL : 0);
            Assert.Equal(expected, t.Peek(i).Value);
        }

        Assert.Equal((4L, 4L, 0L), (counters.PteReads, counters.PteWrites, counters.AtomicUpdates));
    }

    [Fact]
    public void With_an_observer_every_entry_is_seen_as_a_read_then_a_write()
    {
        var counters = new CostCounters();
        var t = Table(counters);
        var observer = new RecordingObserver();
        t.Observer = observer;
        t.Transform(14, 2, default(SetBit4));
        Assert.Equal(
            ["before Read [14]", "after Read [14]", "before Write [14]", "after Write [14]",
             "before Read [15]", "after Read [15]", "before Write [15]", "after Write [15]"],
            observer.Calls);
        Assert.Equal(new Pte(0xf010), observer.Accesses[^1].After);
        Assert.Equal((2L, 2L), (counters.PteReads, counters.PteWrites));
    }

    [Theory]
    [InlineData(16)] // an empty range at the table end
    [InlineData(0)]
    public void An_empty_range_inside_the_table_changes_and_counts_nothing(int index)
    {
        var counters = new CostCounters();
        var t = Table(counters);

        t.Transform(index, 0, default(SetBit4));

        Assert.All(Enumerable.Range(0, 16), i => Assert.Equal((ulong)i << 12, t.Peek(i).Value));
        Assert.Equal((0L, 0L), (counters.PteReads, counters.PteWrites));
    }

    [Fact]
    public void A_range_leaving_the_table_is_named_in_the_exception()
    {
        var t = Table(new CostCounters());

        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => t.Transform(14, 3, default(SetBit4)));

        Assert.Contains("entries 14..16 leave the PTE table (0..15)", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(15, 2)]
    [InlineData(-1, 1)]
    [InlineData(16, 1)]
    public void A_range_leaving_the_table_throws_and_changes_nothing(int index, int count)
    {
        var counters = new CostCounters();
        var t = Table(counters);
        Assert.Throws<ArgumentOutOfRangeException>(() => t.Transform(index, count, default(SetBit4)));
        Assert.Equal(0x1000UL, t.Peek(1).Value);
        Assert.Equal(0, counters.PteWrites);
    }
}
