namespace ArchPgtable.Abstractions.Tests;

public class CostCountersTests
{
    private readonly CostCounters _counters = new();

    [Fact]
    public void A_new_instance_counts_nothing() =>
        Assert.Equal(default, _counters.Snapshot());

    [Fact]
    public void FlushPage_counts_one_page_invalidation_of_one_page()
    {
        _counters.FlushPage(0x7f0000208000);
        _counters.FlushPage(0x7f0000209000);

        Assert.Equal(2, _counters.TlbFlushPage);
        Assert.Equal(2, _counters.TlbFlushedPages);
        Assert.Equal(0, _counters.TlbFlushRange);
        Assert.Equal(2, _counters.TlbFlushes);
    }

    [Theory]
    [InlineData(0x7f0000200000UL, 0x7f0000210000UL, 0x1000UL, 16L)] // 64 KiB of 4 KiB pages
    [InlineData(0x7f0000200000UL, 0x7f0000400000UL, 0x1000UL, 512L)] // 2 MiB of 4 KiB pages
    [InlineData(0x40000000UL, 0x40200000UL, 0x4000UL, 128L)] // 2 MiB of 16 KiB pages
    [InlineData(0x40000000UL, 0x40001000UL, 0x1000UL, 1L)]
    public void FlushRange_counts_one_range_invalidation_covering_end_minus_start_over_stride_pages(
        ulong start, ulong end, ulong stride, long pages)
    {
        _counters.FlushRange(start, end, stride, lastLevel: true, sync: false);

        Assert.Equal(1, _counters.TlbFlushRange);
        Assert.Equal(pages, _counters.TlbFlushedPages);
        Assert.Equal(0, _counters.TlbFlushPage);
        Assert.Equal(1, _counters.TlbFlushes);
    }

    [Fact]
    public void FlushAll_counts_no_pages()
    {
        _counters.FlushAll();

        Assert.Equal(1, _counters.TlbFlushAll);
        Assert.Equal(0, _counters.TlbFlushedPages);
        Assert.Equal(1, _counters.TlbFlushes);
    }

    [Fact]
    public void Flushed_pages_add_up_over_page_and_range_invalidations()
    {
        _counters.FlushPage(0x1000);
        _counters.FlushRange(0x10000, 0x20000, 0x1000, true, true);
        _counters.FlushAll();

        Assert.Equal(17, _counters.TlbFlushedPages);
        Assert.Equal(3, _counters.TlbFlushes);
    }

    [Fact]
    public void Fold_unfold_and_split_events_each_count_once()
    {
        _counters.Fold(0x10000, 16);
        _counters.Unfold(0x10000, 16);
        _counters.Unfold(0x20000, 16);
        _counters.FolioSplit(0x1200, 16);

        Assert.Equal(1, _counters.Folds);
        Assert.Equal(2, _counters.Unfolds);
        Assert.Equal(1, _counters.FolioSplits);
    }

    [Fact]
    public void Snapshot_copies_every_counter_and_does_not_follow_later_changes()
    {
        var table = new PteTable(512, _counters);
        table.Read(0);
        table.Write(0, new Pte(0x1011));
        table.Exchange(1, new Pte(0x2011));
        table.HardwareCompareExchange(0, new Pte(0x1015), new Pte(0x1011));
        _counters.FlushPage(0x1000);
        _counters.FlushRange(0x0, 0x4000, 0x1000, true, true);
        _counters.FlushAll();
        _counters.Fold(0, 16);
        _counters.Unfold(0, 16);
        _counters.FolioSplit(1, 16);

        var snap = _counters.Snapshot();
        _counters.FlushAll();
        table.Read(0);

        Assert.Equal(new CostSnapshot(
            PteReads: 1, PteWrites: 2, AtomicUpdates: 1, HardwareUpdates: 1,
            TlbFlushPage: 1, TlbFlushRange: 1, TlbFlushAll: 1, TlbFlushedPages: 5,
            Folds: 1, Unfolds: 1, FolioSplits: 1, SplitPages: 16), snap);
        Assert.Equal(3, snap.TlbFlushes);
    }

    [Fact]
    public void Subtracting_snapshots_gives_the_cost_in_between_counter_by_counter()
    {
        var a = new CostSnapshot(10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120);
        var b = new CostSnapshot(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
        var expected = new CostSnapshot(9, 18, 27, 36, 45, 54, 63, 72, 81, 90, 99, 108);

        Assert.Equal(expected, a - b);
        Assert.Equal(expected, CostSnapshot.Subtract(a, b));
        Assert.Equal(45 + 54 + 63, (a - b).TlbFlushes);
    }

    [Fact]
    public void Reset_zeroes_every_counter()
    {
        var table = new PteTable(512, _counters);
        table.Read(0);
        table.Write(0, new Pte(0x1011));
        table.CompareExchange(0, Pte.None, new Pte(0x1011));
        table.HardwareCompareExchange(0, new Pte(0x1015), Pte.None);
        _counters.FlushPage(0);
        _counters.FlushRange(0, 0x2000, 0x1000, true, true);
        _counters.FlushAll();
        _counters.Fold(0, 16);
        _counters.Unfold(0, 16);
        _counters.FolioSplit(0, 16);
        Assert.NotEqual(default, _counters.Snapshot());

        _counters.Reset();

        Assert.Equal(default, _counters.Snapshot());
        Assert.Equal(0, _counters.TlbFlushes);
    }
}
