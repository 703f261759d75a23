namespace ArchPgtable.Abstractions.Tests;

public sealed class PteTableUpdateBitsTests
{
    private const ulong Clear = (1UL << 10) | (1UL << 55);
    private const ulong Set = 1UL << 7;

    private readonly struct SameBits : IPteTransform
    {
        public Pte Apply(Pte pte) => new((pte.Value & ~Clear) | Set);
    }

    [Theory]
    [InlineData(0, 16)]   // the whole table
    [InlineData(12, 4)]   // ending exactly at the table end
    [InlineData(5, 1)]    // nr == 1
    [InlineData(15, 1)]   // the last entry alone
    [InlineData(7, 0)]    // nothing
    [InlineData(16, 0)]   // nothing, at the end
    public void Updates_exactly_the_range_and_counts_a_read_and_a_write_per_entry(int index, int count) =>
        AssertUpdatesExactly(index, count, seed: 1);

    [Fact]
    public void Every_range_of_a_table_is_updated_exactly_whole_vectors_tails_and_the_table_end_alike()
    {
        // Steps of four entries (256-bit vectors) and an entry-by-entry tail: every start and every length of a
        // 16-entry table, so each split between the two (and each range ending at the last entry) is covered.
        for (var index = 0; index <= 16; index++)
        {
            for (var count = 0; count <= 16 - index; count++)
            {
                AssertUpdatesExactly(index, count, seed: (index * 17) + count);
            }
        }
    }

    /// <summary>UpdateBits(index, count) on a random 16-entry table changes exactly those entries and counts a read and a write for each.</summary>
    private static void AssertUpdatesExactly(int index, int count, int seed)
    {
        var counters = new CostCounters();
        var t = TestTables.Random(counters, seed);
        var before = TestTables.Words(t);

        t.UpdateBits(index, count, Clear, Set);

        var after = TestTables.Words(t);
        for (var i = 0; i < 16; i++)
        {
            var expected = i >= index && i < index + count ? (before[i] & ~Clear) | Set : before[i];
            Assert.True(expected == after[i], $"UpdateBits({index}, {count}): entry {i} is 0x{after[i]:x}, expected 0x{expected:x}");
        }

        Assert.Equal(((long)count, (long)count, 0L), (counters.PteReads, counters.PteWrites, counters.AtomicUpdates));
    }

    [Fact]
    public void Leaves_every_table_as_Transform_with_the_same_bits_does_and_counts_the_same()
    {
        for (var seed = 0; seed < 50; seed++)
        {
            var random = new Random(seed);
            var index = random.Next(0, 513);
            var count = random.Next(0, 513 - index);
            var (ca, cb) = (new CostCounters(), new CostCounters());
            var (a, b) = (TestTables.Random(ca, seed, 512), TestTables.Random(cb, seed, 512));

            a.UpdateBits(index, count, Clear, Set);
            b.Transform(index, count, default(SameBits));

            Assert.True(TestTables.Words(a).SequenceEqual(TestTables.Words(b)), $"seed {seed}: UpdateBits({index}, {count}) differs from Transform");
            Assert.Equal(cb.Snapshot(), ca.Snapshot());
        }
    }

    [Fact]
    public void With_an_observer_every_entry_is_seen_as_a_read_then_a_write_and_an_injected_update_is_kept()
    {
        var counters = new CostCounters();
        var t = TestTables.Random(counters, seed: 1);
        var observer = new RecordingObserver();
        observer.OnBefore = (table, index, kind) =>
        {
            if (index == 15 && kind == PteAccessKind.Read)
            {
                table.HardwareCompareExchange(15, new Pte(table.Peek(15).Value | (1UL << 3)), table.Peek(15));
            }
        };
        t.Observer = observer;
        var last = t.Peek(15).Value;

        t.UpdateBits(14, 2, Clear, Set);

        Assert.Equal(
            ["before Read [14]", "after Read [14]", "before Write [14]", "after Write [14]",
             "before Read [15]", "after Read [15]", "before Write [15]", "after Write [15]"],
            observer.Calls);
        Assert.Equal(((last | (1UL << 3)) & ~Clear) | Set, t.Peek(15).Value);
        Assert.Equal((2L, 2L), (counters.PteReads, counters.PteWrites));
    }

    [Theory]
    [InlineData(15, 2)]
    [InlineData(-1, 1)]
    [InlineData(17, 0)]
    [InlineData(0, 17)]
    public void A_range_leaving_the_table_throws_and_changes_and_counts_nothing(int index, int count)
    {
        var counters = new CostCounters();
        var t = TestTables.Random(counters, seed: 1);
        var before = TestTables.Words(t);

        Assert.Throws<ArgumentOutOfRangeException>(() => t.UpdateBits(index, count, Clear, Set));

        Assert.Equal(before, TestTables.Words(t));
        Assert.Equal((0L, 0L), (counters.PteReads, counters.PteWrites));
    }
}
