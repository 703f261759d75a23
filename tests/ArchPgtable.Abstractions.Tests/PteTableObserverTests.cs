namespace ArchPgtable.Abstractions.Tests;

/// <summary>The access hook sees every software access with the word's value before and after it.</summary>
public class PteTableObserverTests
{
    private static Pte Old => new(0x1208011);
    private static Pte New => new(0x120801F);

    private readonly PteTable _table = new(512);
    private readonly RecordingObserver _observer = new();

    public PteTableObserverTests()
    {
        _table.Write(3, Old);
        _table.Observer = _observer;
    }

    [Fact]
    public void Read_is_reported_before_and_after_with_equal_values()
    {
        _table.Read(3);

        Assert.Equal(["before Read [3]", "after Read [3]"], _observer.Calls);
        Assert.Equal((3, PteAccessKind.Read, Old, Old), Assert.Single(_observer.Accesses));
    }

    [Fact]
    public void Write_reports_the_overwritten_and_the_stored_value()
    {
        _table.Write(3, New);

        Assert.Equal(["before Write [3]", "after Write [3]"], _observer.Calls);
        Assert.Equal((3, PteAccessKind.Write, Old, New), Assert.Single(_observer.Accesses));
    }

    [Fact]
    public void Exchange_reports_the_old_and_the_new_value()
    {
        _table.Exchange(3, Pte.None);

        Assert.Equal(["before Exchange [3]", "after Exchange [3]"], _observer.Calls);
        Assert.Equal((3, PteAccessKind.Exchange, Old, Pte.None), Assert.Single(_observer.Accesses));
    }

    [Fact]
    public void Successful_CompareExchange_reports_the_old_and_the_new_value()
    {
        _table.CompareExchange(3, New, Old);

        Assert.Equal((3, PteAccessKind.CompareExchange, Old, New), Assert.Single(_observer.Accesses));
    }

    [Fact]
    public void Failed_CompareExchange_reports_the_found_value_as_both_before_and_after()
    {
        _table.CompareExchange(3, New, Pte.None);

        Assert.Equal((3, PteAccessKind.CompareExchange, Old, Old), Assert.Single(_observer.Accesses));
    }

    [Fact]
    public void Hardware_updates_Peek_and_CopyTo_are_not_reported()
    {
        _table.HardwareCompareExchange(3, New, Old);
        _table.Peek(3);
        _table.CopyTo(new ulong[512]);

        Assert.Empty(_observer.Calls);
    }

    [Fact]
    public void Clearing_the_observer_stops_reporting()
    {
        _table.Observer = null;

        _table.Read(3);
        _table.Write(4, New);

        Assert.Empty(_observer.Calls);
        Assert.Equal(New, _table.Peek(4));
    }
}
