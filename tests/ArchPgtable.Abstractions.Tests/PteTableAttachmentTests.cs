namespace ArchPgtable.Abstractions.Tests;

/// <summary>
/// Counters and an observer are attached and detached at any time; with nothing attached a table still reads,
/// writes and updates its words exactly, counts nothing and reports nothing, and a bad index still throws.
/// </summary>
public sealed class PteTableAttachmentTests
{
    private static Pte A => new(0x1208011);
    private static Pte B => new(0x120801F);

    [Fact]
    public void A_table_built_without_counters_has_nothing_attached_and_still_reads_and_writes()
    {
        var table = new PteTable(512);

        table.Write(511, A);
        table.Write(0, B);

        Assert.True(table.NothingAttached);
        Assert.Null(table.Counters);
        Assert.Null(table.Observer);
        Assert.Equal(A, table.Read(511));
        Assert.Equal(B, table.Read(0));
        Assert.Equal(Pte.None, table.Read(1));
    }

    [Fact]
    public void Counters_attached_later_count_from_then_on_and_detached_stop_counting()
    {
        var table = new PteTable(512);
        var counters = new CostCounters();
        table.Write(3, A);

        table.Counters = counters;
        table.Read(3);
        table.Write(4, B);
        table.Counters = null;
        table.Read(3);
        table.Write(5, B);

        Assert.Null(table.Counters);
        Assert.True(table.NothingAttached);
        Assert.Equal((1L, 1L), (counters.PteReads, counters.PteWrites));
        Assert.Equal(new[] { A, B, B }, new[] { table.Peek(3), table.Peek(4), table.Peek(5) });
    }

    [Fact]
    public void Counters_given_to_the_constructor_are_attached()
    {
        var counters = new CostCounters();
        var table = new PteTable(512, counters);

        table.Write(0, A);

        Assert.Same(counters, table.Counters);
        Assert.False(table.NothingAttached);
        Assert.Equal(1, counters.PteWrites);
    }

    [Fact]
    public void An_observer_alone_sees_every_access_and_nothing_is_counted()
    {
        var table = new PteTable(16);
        var observer = new RecordingObserver();
        table.Observer = observer;

        table.Write(2, A);
        var read = table.Read(2);
        table.Write(0, B);
        var first = table.Read(0);
        table.Exchange(3, B);
        table.CompareExchange(3, A, B);
        table.UpdateBits(14, 2, 0, 1);
        table.Observer = null;
        table.Read(2);

        Assert.Equal((A, B), (read, first));
        Assert.True(table.NothingAttached);
        Assert.Equal(
            [(2, PteAccessKind.Write), (2, PteAccessKind.Read), (0, PteAccessKind.Write), (0, PteAccessKind.Read),
             (3, PteAccessKind.Exchange), (3, PteAccessKind.CompareExchange),
             (14, PteAccessKind.Read), (14, PteAccessKind.Write), (15, PteAccessKind.Read), (15, PteAccessKind.Write)],
            observer.Accesses.Select(a => (a.Index, a.Kind)));
    }

    [Fact]
    public void Atomic_and_hardware_updates_work_with_nothing_attached()
    {
        var table = new PteTable(512);
        table.Write(7, A);

        var exchanged = table.Exchange(7, B);
        var failed = table.CompareExchange(7, A, A);
        var swapped = table.CompareExchange(7, A, B);
        var walker = table.HardwareCompareExchange(7, B, A);

        Assert.Equal((A, B, B, A), (exchanged, failed, swapped, walker));
        Assert.Equal(B, table.Peek(7));
        Assert.True(table.NothingAttached);
    }

    [Theory]
    [InlineData(0, 16)]
    [InlineData(12, 4)]
    [InlineData(13, 3)]
    [InlineData(15, 1)]
    [InlineData(16, 0)]
    public void Batch_updates_with_nothing_attached_leave_the_same_words_as_counted_ones(int index, int count)
    {
        var bare = new PteTable(16);
        var counters = new CostCounters();
        var counted = new PteTable(16, counters);
        var random = new Random(index * 31 + count);
        for (var i = 0; i < 16; i++)
        {
            var pte = new Pte((ulong)random.NextInt64());
            bare.Write(i, pte);
            counted.Write(i, pte);
        }

        counters.Reset();

        bare.UpdateBits(index, count, 0xF0, 0x100);
        counted.UpdateBits(index, count, 0xF0, 0x100);
        bare.Transform(index, count, default(Flip));
        counted.Transform(index, count, default(Flip));

        Assert.Equal(TestTables.Words(counted), TestTables.Words(bare));
        Assert.Equal((2L * count, 2L * count), (counters.PteReads, counters.PteWrites));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(512)]
    [InlineData(int.MaxValue)]
    public void A_bad_index_throws_with_or_without_hooks_and_counts_nothing(int index)
    {
        var bare = new PteTable(512);
        var counters = new CostCounters();
        var counted = new PteTable(512, counters);
        var observed = new PteTable(512, counters) { Observer = new RecordingObserver() };

        foreach (var table in new[] { bare, counted, observed })
        {
            Assert.Throws<IndexOutOfRangeException>(() => table.Read(index));
            Assert.Throws<IndexOutOfRangeException>(() => table.Write(index, A));
            Assert.Throws<IndexOutOfRangeException>(() => table.Exchange(index, A));
            Assert.Throws<IndexOutOfRangeException>(() => table.CompareExchange(index, A, B));
        }

        Assert.Equal(new CostCounters().Snapshot(), counters.Snapshot());
        Assert.Empty(((RecordingObserver)observed.Observer!).Calls);
    }

    private readonly struct Flip : IPteTransform
    {
        public Pte Apply(Pte pte) => new(pte.Value ^ 0x5A5A);
    }
}
