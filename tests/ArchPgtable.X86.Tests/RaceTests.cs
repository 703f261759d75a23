using ArchPgtable.X86.Tests.Support;

namespace ArchPgtable.X86.Tests;

/// <summary>
/// The x86 overrides against a CPU write (locked A/D update) landing between their read and
/// their write, injected through <see cref="IPteAccessObserver"/>: the atomic overrides keep
/// the racing Dirty; the generic read-then-store default they replace loses it.
/// </summary>
public class RaceTests
{
    private const int I = 5;

    private static X86World Young()
    {
        var w = new X86World();
        w.Map(I, X86World.BasePfn, 1);                       // young (PAGE_SHARED has A), clean, writable
        return w;
    }

    [Fact]
    public void Test_and_clear_young_keeps_a_racing_dirty()
    {
        var w = Young();
        var race = new HardwareWriteBefore(w, I, PteAccessKind.CompareExchange);
        w.Table.Observer = race;
        Assert.True(w.Ops.PtepTestAndClearYoung(w.Mm, w.Addr(I), w.P(I)));
        w.Table.Observer = null;
        Assert.True(race.Fired);
        Assert.True(X86Pte.Dirty(w.Raw(I)), "the write that raced the clear was lost");
        Assert.False(X86Pte.Young(w.Raw(I)));
    }

    [Fact]
    public void Set_wrprotect_never_leaves_write_0_dirty_1_when_the_cpu_dirties_the_entry_mid_way()
    {
        var w = Young();
        var race = new HardwareWriteBefore(w, I, PteAccessKind.CompareExchange);
        w.Table.Observer = race;
        w.Ops.PtepSetWrprotect(w.Mm, w.Addr(I), w.P(I));
        w.Table.Observer = null;
        Assert.True(race.Fired);
        Assert.Equal(new Pte(0x8400000012340025), w.Raw(I));   // RW=0, Dirty moved to SavedDirty
    }

    /// <summary>The control: the pgtable.h default of ptep_test_and_clear_young (read, then set_pte_at) on the same encoding loses the racing dirty.</summary>
    [Fact]
    public void The_generic_default_loses_the_racing_dirty()
    {
        var w = Young();
        var generic = new GenericOnX86(w.Fmt);
        var race = new HardwareWriteBefore(w, I, PteAccessKind.Write);
        w.Table.Observer = race;
        Assert.True(generic.PtepTestAndClearYoung(w.Mm, w.Addr(I), w.P(I)));
        w.Table.Observer = null;
        Assert.True(race.Fired);
        Assert.False(X86Pte.Dirty(w.Raw(I)));
    }

    private sealed class GenericOnX86(X86PteFormat format) : Generic.GenericPageTableOps(format, X86PageTableOps.Geometry4Level);
}
