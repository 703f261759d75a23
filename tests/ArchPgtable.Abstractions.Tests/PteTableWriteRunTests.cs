namespace ArchPgtable.Abstractions.Tests;

public sealed class PteTableWriteRunTests
{
    private const ulong First = 0x8000_0000_0000_1003;
    private const ulong Step = 0x1000;

    /// <summary>The next PFN in a 4 KiB-page encoding: one page further.</summary>
    private readonly struct NextPage : IPteTransform
    {
        public Pte Apply(Pte pte) => new(pte.Value + Step);
    }

    [Fact]
    public void Every_range_is_written_with_successive_values_and_nothing_else_changes()
    {
        // Every start and length of a 16-entry table, with and without counters: the run ending exactly at the table
        // end, nr == 1 at the last entry and the empty run at index 16 included.
        for (var index = 0; index <= 16; index++)
        {
            for (var count = 0; count <= 16 - index; count++)
            {
                foreach (var counters in new[] { new CostCounters(), null })
                {
                    var seed = (index * 17) + count;
                    var t = TestTables.Random(counters, seed);
                    var before = TestTables.Words(t);

                    t.WriteRun(index, count, new Pte(First), default(NextPage));

                    var after = TestTables.Words(t);
                    for (var i = 0; i < 16; i++)
                    {
                        var expected = i >= index && i < index + count ? First + ((ulong)(i - index) * Step) : before[i];
                        Assert.True(expected == after[i], $"WriteRun({index}, {count}), counters {counters is not null}: entry {i} is 0x{after[i]:x}, expected 0x{expected:x}");
                    }

                    if (counters is not null)
                    {
                        Assert.Equal((0L, (long)count, 0L), (counters.PteReads, counters.PteWrites, counters.AtomicUpdates));
                    }
                }
            }
        }
    }

    [Fact]
    public void The_step_is_applied_between_stores_only()
    {
        var t = new PteTable(16);
        var steps = new StepCounter();

        t.WriteRun(13, 3, new Pte(First), steps);

        Assert.Equal(2, StepCounter.Applied);
        Assert.Equal(First + (2 * Step), t.Peek(15).Value);
    }

    private readonly struct StepCounter : IPteTransform
    {
        [ThreadStatic]
        private static int _applied;

        public static int Applied => _applied;

        public StepCounter() => _applied = 0;

        public Pte Apply(Pte pte)
        {
            _applied++;
            return new(pte.Value + Step);
        }
    }

    [Fact]
    public void With_an_observer_each_entry_is_seen_as_one_write_in_order_and_counted()
    {
        var counters = new CostCounters();
        var t = TestTables.Random(counters, seed: 3);
        var observer = new RecordingObserver();
        t.Observer = observer;
        var old14 = t.Peek(14);

        t.WriteRun(14, 2, new Pte(First), default(NextPage));

        Assert.Equal(["before Write [14]", "after Write [14]", "before Write [15]", "after Write [15]"], observer.Calls);
        Assert.Equal((14, PteAccessKind.Write, old14, new Pte(First)), observer.Accesses[0]);
        Assert.Equal(new Pte(First + Step), observer.Accesses[1].After);
        Assert.Equal((0L, 2L), (counters.PteReads, counters.PteWrites));
    }

    [Theory]
    [InlineData(15, 2)]
    [InlineData(-1, 1)]
    [InlineData(17, 0)]
    [InlineData(0, 17)]
    public void A_range_leaving_the_table_throws_and_writes_and_counts_nothing(int index, int count)
    {
        var counters = new CostCounters();
        var t = TestTables.Random(counters, seed: 5);
        var before = TestTables.Words(t);

        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => t.WriteRun(index, count, new Pte(First), default(NextPage)));

        Assert.Contains("leave the PTE table", ex.Message, StringComparison.Ordinal);
        Assert.Equal(before, TestTables.Words(t));
        Assert.Equal(0L, counters.PteWrites);
    }
}
