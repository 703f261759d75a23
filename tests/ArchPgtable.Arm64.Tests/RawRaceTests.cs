using ArchPgtable.Arm64.Tests.Support;

namespace ArchPgtable.Arm64.Tests;

/// <summary>
/// The raw helpers against a hardware A/D update landing between their read and their write
/// (injected through <see cref="IPteAccessObserver"/>): compare-and-exchange loops keep it.
/// </summary>
public class RawRaceTests
{
    /// <summary>Before the first compare-exchange (or store) on <c>index</c>, the "hardware" writes to the entry.</summary>
    private sealed class HardwareWriteBefore(World w, int index, PteAccessKind kind) : IPteAccessObserver
    {
        public bool Fired { get; private set; }

        public void BeforeAccess(PteTable table, int i, PteAccessKind k)
        {
            if (!Fired && i == index && k == kind)
            {
                Fired = true;
                w.Touch(index, write: true);
            }
        }

        public void AfterAccess(PteTable table, int i, PteAccessKind k, Pte before, Pte after)
        {
        }
    }

    [Theory]
    [MemberData(nameof(Granules.All), MemberType = typeof(Granules))]
    public void Young_only_clear_keeps_a_racing_hardware_dirty(Arm64Granule g)
    {
        var w = new World(g);
        w.Map(0, World.BasePfn + 1, 4);
        w.Touch(1, write: false);                                   // young, clean
        var race = new HardwareWriteBefore(w, 1, PteAccessKind.CompareExchange);
        w.Table.Observer = race;
        w.Ops.ClearYoungDirtyPtes(w.Mm, w.Addr(1), w.P(1), 1, CydpFlags.Young);
        w.Table.Observer = null;
        Assert.True(race.Fired);
        Assert.True(Arm64Pte.Dirty(w.Raw(1)), "the write that raced the clear was lost");
        Assert.False(Arm64Pte.Young(w.Raw(1)));
    }

    [Theory]
    [MemberData(nameof(Granules.All), MemberType = typeof(Granules))]
    public void Test_and_clear_young_keeps_a_racing_hardware_dirty(Arm64Granule g)
    {
        var w = new World(g);
        w.Map(0, World.BasePfn + 1, 4);
        w.Touch(2, write: false);
        var race = new HardwareWriteBefore(w, 2, PteAccessKind.CompareExchange);
        w.Table.Observer = race;
        Assert.True(w.Ops.PtepTestAndClearYoung(w.Mm, w.Addr(2), w.P(2)));
        w.Table.Observer = null;
        Assert.True(race.Fired);
        Assert.True(Arm64Pte.Dirty(w.Raw(2)));
        Assert.False(Arm64Pte.Young(w.Raw(2)));
    }

    [Theory]
    [MemberData(nameof(Granules.All), MemberType = typeof(Granules))]
    public void Wrprotect_moves_a_racing_hardware_dirty_into_software_dirty(Arm64Granule g)
    {
        var w = new World(g);
        w.Map(0, World.BasePfn + 1, 4);
        var race = new HardwareWriteBefore(w, 3, PteAccessKind.CompareExchange);
        w.Table.Observer = race;
        w.Ops.PtepSetWrprotect(w.Mm, w.Addr(3), w.P(3));
        w.Table.Observer = null;
        Assert.True(race.Fired);
        var raw = w.Raw(3);
        Assert.False(Arm64Pte.Write(raw));
        Assert.True(Arm64Pte.SwDirty(raw) && Arm64Pte.Dirty(raw));
    }

    [Theory]
    [MemberData(nameof(Granules.All), MemberType = typeof(Granules))]
    public void Get_and_clear_is_one_atomic_exchange(Arm64Granule g)
    {
        var w = new World(g);
        w.Map(0, World.BasePfn + 1, 4);
        w.Touch(0);
        var expected = w.Raw(0);
        var cost = w.Mm.Cost.Snapshot();
        Assert.Equal(expected, w.Ops.PtepGetAndClear(w.Mm, w.Addr(0), w.P(0)));
        var delta = w.Mm.Cost.Snapshot() - cost;
        Assert.Equal(1, delta.AtomicUpdates);
        Assert.Equal(1, delta.PteWrites);
        Assert.True(w.Raw(0).IsNone);
    }
}
