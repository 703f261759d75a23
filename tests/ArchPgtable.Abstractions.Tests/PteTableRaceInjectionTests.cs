namespace ArchPgtable.Abstractions.Tests;

/// <summary>
/// An observer that changes an entry in BeforeAccess (as the hardware walker would, through
/// HardwareCompareExchange) is seen by the access it precedes: the race-injection use case.
/// </summary>
public class PteTableRaceInjectionTests
{
    // PRESENT|WRITE|USER, pfn 0x1208; the walker sets YOUNG (4) and DIRTY (8).
    private static Pte Clean => new(0x1208013);
    private static Pte HardwareDirtied => new(0x120801F);

    private readonly CostCounters _counters = new();
    private readonly PteTable _table;
    private readonly RecordingObserver _observer = new();
    private bool _injected;

    public PteTableRaceInjectionTests()
    {
        _table = new PteTable(512, _counters);
        _table.Write(3, Clean);
        _counters.Reset();
        _observer.OnBefore = InjectOnce;
        _table.Observer = _observer;
    }

    private void InjectOnce(PteTable table, int index, PteAccessKind kind)
    {
        if (_injected)
        {
            return;
        }

        _injected = true;
        Assert.Equal(Clean, table.HardwareCompareExchange(index, HardwareDirtied, Clean));
    }

    [Fact]
    public void A_read_sees_the_injected_hardware_update()
    {
        var value = _table.Read(3);

        Assert.Equal(HardwareDirtied, value);
        Assert.Equal(1, _counters.HardwareUpdates);
        Assert.Equal(1, _counters.PteReads);
    }

    [Fact]
    public void A_compare_exchange_against_the_stale_value_fails_and_keeps_the_hardware_update()
    {
        var found = _table.CompareExchange(3, new Pte(0x1208011), Clean);

        Assert.Equal(HardwareDirtied, found);
        Assert.Equal(HardwareDirtied, _table.Peek(3));
        Assert.Equal(0, _counters.PteWrites);
        Assert.Equal(1, _counters.AtomicUpdates);
        Assert.Equal((3, PteAccessKind.CompareExchange, HardwareDirtied, HardwareDirtied), Assert.Single(_observer.Accesses));
    }

    [Fact]
    public void An_exchange_returns_the_injected_value_so_nothing_is_lost()
    {
        var old = _table.Exchange(3, Pte.None);

        Assert.Equal(HardwareDirtied, old);
        Assert.Equal(Pte.None, _table.Peek(3));
    }

    [Fact]
    public void A_plain_store_overwrites_the_injected_update_and_the_observer_sees_what_was_lost()
    {
        var writeBack = new Pte(0x1208011);

        _table.Write(3, writeBack);

        Assert.Equal(writeBack, _table.Peek(3));
        Assert.Equal((3, PteAccessKind.Write, HardwareDirtied, writeBack), Assert.Single(_observer.Accesses));
    }
}
