namespace ArchPgtable.Abstractions.Tests;

public sealed class PteTableScanTests
{
    /// <summary>Stops at the first entry with bit 0 clear, remembering what it saw.</summary>
    private struct UntilClear : IPteVisitor
    {
        public int Seen;
        public ulong Last;

        public bool Visit(Pte pte)
        {
            Seen++;
            Last = pte.Value;
            return (pte.Value & 1) != 0;
        }
    }

    /// <summary>Entry i holds i &lt;&lt; 12, with bit 0 set except at <paramref name="stops"/>.</summary>
    private static PteTable Table(CostCounters counters, params int[] stops)
    {
        var t = new PteTable(16, counters);
        for (var i = 0; i < 16; i++)
        {
            t.Write(i, new Pte(((ulong)i << 12) | (stops.Contains(i) ? 0UL : 1UL)));
        }

        counters.Reset();
        return t;
    }

    [Theory]
    [InlineData(0, 16, new[] { 5 }, 6)]      // stops at 5: entries 0..5 read, 5 included
    [InlineData(5, 11, new[] { 5 }, 1)]      // stops at the first entry
    [InlineData(0, 16, new int[0], 16)]      // runs to the table end
    [InlineData(12, 4, new[] { 3 }, 4)]      // a range ending exactly at the table end
    [InlineData(3, 2, new[] { 9 }, 2)]       // stops at count, not at a clear entry
    [InlineData(15, 1, new int[0], 1)]       // nr == 1, the last entry
    [InlineData(16, 0, new int[0], 0)]       // nothing
    public void Reads_until_the_visitor_stops_or_count_and_counts_exactly_the_entries_read(int index, int count, int[] stops, int expected)
    {
        var counters = new CostCounters();
        var t = Table(counters, stops);
        var visitor = new UntilClear();

        var read = t.Scan(index, count, ref visitor);

        Assert.Equal(expected, read);
        Assert.Equal(expected, visitor.Seen);
        Assert.Equal((long)expected, counters.PteReads);
        Assert.Equal(0, counters.PteWrites);
        if (expected > 0)
        {
            Assert.Equal((ulong)(index + expected - 1) << 12, visitor.Last & ~1UL);
        }
    }

    [Fact]
    public void With_an_observer_each_entry_read_is_observed_and_sees_an_injected_update()
    {
        var counters = new CostCounters();
        var t = Table(counters, 6);
        var observer = new RecordingObserver
        {
            // Hardware clears nothing, but here a racing update clears bit 0 of entry 4 just before it is read.
            OnBefore = (table, index, kind) =>
            {
                if (index == 4)
                {
                    table.HardwareCompareExchange(4, new Pte(table.Peek(4).Value & ~1UL), table.Peek(4));
                }
            },
        };
        t.Observer = observer;
        var visitor = new UntilClear();

        var read = t.Scan(2, 10, ref visitor);

        Assert.Equal(3, read);
        Assert.Equal(["before Read [2]", "after Read [2]", "before Read [3]", "after Read [3]", "before Read [4]", "after Read [4]"], observer.Calls);
        Assert.Equal(3L, counters.PteReads);
    }

    [Theory]
    [InlineData(15, 2)]
    [InlineData(-1, 1)]
    [InlineData(17, 0)]
    public void A_range_leaving_the_table_throws_and_counts_nothing(int index, int count)
    {
        var counters = new CostCounters();
        var t = Table(counters);
        var visitor = new UntilClear();

        Assert.Throws<ArgumentOutOfRangeException>(() => t.Scan(index, count, ref visitor));

        Assert.Equal(0, visitor.Seen);
        Assert.Equal(0L, counters.PteReads);
    }
}
