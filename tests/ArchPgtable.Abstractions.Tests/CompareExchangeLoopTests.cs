namespace ArchPgtable.Abstractions.Tests;

/// <summary>
/// PtePointer.CompareExchangeLoop: applies a transform with compare-and-exchange, and when a
/// (hardware) update lands between its read and its exchange it recomputes from the new value,
/// so that update survives; it returns the value it replaced.
/// </summary>
public class CompareExchangeLoopTests
{
    private const ulong Write = 1UL << 1;
    private const ulong Dirty = 1UL << 7;

    private readonly struct ClearWrite : IPteTransform
    {
        public Pte Apply(Pte pte) => new(pte.Value & ~Write);
    }

    /// <summary>Sets Dirty by a hardware CAS the first time the loop's read completes.</summary>
    private sealed class DirtyAfterFirstRead : IPteAccessObserver
    {
        private bool _done;

        public void BeforeAccess(PteTable table, int index, PteAccessKind kind)
        {
        }

        public void AfterAccess(PteTable table, int index, PteAccessKind kind, Pte before, Pte after)
        {
            if (kind == PteAccessKind.Read && !_done)
            {
                _done = true;
                table.HardwareCompareExchange(index, new Pte(after.Value | Dirty), after);
            }
        }
    }

    [Fact]
    public void Without_a_race_it_reads_once_exchanges_once_and_returns_the_old_value()
    {
        var counters = new CostCounters();
        var table = new PteTable(512, counters);
        table.Write(7, new Pte(0x1000 | Write));
        counters.Reset();

        var old = new PtePointer(table, 7).CompareExchangeLoop(default(ClearWrite));

        Assert.Equal(new Pte(0x1000 | Write), old);
        Assert.Equal(new Pte(0x1000), table.Peek(7));
        var cost = counters.Snapshot();
        Assert.Equal(1, cost.PteReads);
        Assert.Equal(1, cost.AtomicUpdates);
    }

    [Fact]
    public void A_hardware_update_between_read_and_exchange_is_kept()
    {
        var counters = new CostCounters();
        var table = new PteTable(512, counters);
        table.Write(7, new Pte(0x1000 | Write));
        table.Observer = new DirtyAfterFirstRead();

        var old = new PtePointer(table, 7).CompareExchangeLoop(default(ClearWrite));

        Assert.Equal(new Pte(0x1000 | Write | Dirty), old);
        Assert.Equal(new Pte(0x1000 | Dirty), table.Peek(7));
    }
}
