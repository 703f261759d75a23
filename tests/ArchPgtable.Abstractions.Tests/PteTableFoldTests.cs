namespace ArchPgtable.Abstractions.Tests;

public sealed class PteTableFoldTests
{
    /// <summary>Records the order of the entries it is given: sum of (position + 1) × value, and how many.</summary>
    private struct OrderedSum : IPteFold
    {
        public int Seen { get; private set; }

        public ulong Sum { get; private set; }

        public void Add(Pte pte)
        {
            Seen++;
            Sum += (ulong)Seen * pte.Value;
        }
    }

    [Fact]
    public void Every_range_is_read_in_order_exactly_once_per_entry_and_counted()
    {
        // Every start and length of a 16-entry table, with and without counters (the range ending at the table end,
        // nr == 1 at the last entry, the empty range at index 16).
        for (var index = 0; index <= 16; index++)
        {
            for (var count = 0; count <= 16 - index; count++)
            {
                foreach (var counters in new[] { new CostCounters(), null })
                {
                    var t = TestTables.Random(counters, (index * 17) + count);
                    var expected = 0UL;
                    for (var k = 0; k < count; k++)
                    {
                        expected += (ulong)(k + 1) * t.Peek(index + k).Value;
                    }

                    var fold = default(OrderedSum);
                    t.Fold(index, count, ref fold);

                    Assert.True(fold.Seen == count && fold.Sum == expected, $"Fold({index}, {count}), counters {counters is not null}: saw {fold.Seen} entries, sum {fold.Sum}, expected {count} and {expected}");
                    if (counters is not null)
                    {
                        Assert.Equal(((long)count, 0L), (counters.PteReads, counters.PteWrites));
                    }
                }
            }
        }
    }

    [Fact]
    public void With_an_observer_each_entry_is_seen_as_one_read_and_an_injected_update_is_read()
    {
        var counters = new CostCounters();
        var t = TestTables.Random(counters, seed: 2);
        var observer = new RecordingObserver();
        observer.OnBefore = (table, index, kind) =>
        {
            if (index == 15)
            {
                table.HardwareCompareExchange(15, new Pte(7), table.Peek(15));
            }
        };
        t.Observer = observer;
        var expected = t.Peek(14).Value + (2 * 7UL);

        var fold = default(OrderedSum);
        t.Fold(14, 2, ref fold);

        Assert.Equal(["before Read [14]", "after Read [14]", "before Read [15]", "after Read [15]"], observer.Calls);
        Assert.Equal(expected, fold.Sum);
        Assert.Equal((2L, 0L), (counters.PteReads, counters.PteWrites));
    }

    [Theory]
    [InlineData(15, 2)]
    [InlineData(-1, 1)]
    [InlineData(17, 0)]
    [InlineData(0, 17)]
    public void A_range_leaving_the_table_throws_and_reads_and_counts_nothing(int index, int count)
    {
        var counters = new CostCounters();
        var t = TestTables.Random(counters, seed: 4);
        var fold = default(OrderedSum);

        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => t.Fold(index, count, ref fold));

        Assert.Contains("leave the PTE table", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, fold.Seen);
        Assert.Equal(0L, counters.PteReads);
    }
}
