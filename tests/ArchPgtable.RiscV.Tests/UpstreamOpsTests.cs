using ArchPgtable.RiscV.Tests.Support;
using NSubstitute;

namespace ArchPgtable.RiscV.Tests;

/// <summary>riscv's upstream overrides (CONFIG_RISCV_ISA_SVNAPOT=n): atomic where a Svadu hart can race, no flush for young, access flags always "changed".</summary>
public class UpstreamOpsTests
{
    private const int I = 7;

    [Fact]
    public void Set_ptes_writes_each_entry_with_the_next_ppn()
    {
        var w = new RiscVWorld(napot: false);
        w.Map(I, 0x12345, 3, flags: 0x57);
        Assert.Equal([0x48d1457UL, 0x48d1857UL, 0x48d1c57UL], Enumerable.Range(I, 3).Select(i => w.Raw(i).Value));
    }

    [Fact]
    public void Ptep_get_and_clear_is_one_atomic_exchange()
    {
        var w = new RiscVWorld(napot: false);
        w.Map(I, 0x12345, 1, flags: 0x57);
        var before = w.Mm.Cost.Snapshot();
        Assert.Equal(new Pte(0x48d1457), w.Ops.PtepGetAndClear(w.Mm, w.Addr(I), w.P(I)));
        Assert.Equal((0L, 1L), ((w.Mm.Cost.Snapshot() - before).PteReads, (w.Mm.Cost.Snapshot() - before).AtomicUpdates));
    }

    [Fact]
    public void Clear_flush_young_clears_a_without_flushing()
    {
        var tlb = Substitute.For<ITlbFlusher>();
        var w = new RiscVWorld(napot: false, tlb: tlb);
        w.Map(I, 0x12345, 1, flags: 0x57);
        Assert.True(w.Ops.PtepClearFlushYoung(w.Mm, w.Addr(I), w.P(I)));
        Assert.Equal(new Pte(0x48d1417), w.Raw(I));
        Assert.False(w.Ops.PtepClearFlushYoung(w.Mm, w.Addr(I), w.P(I)));
        Assert.Empty(tlb.ReceivedCalls());
    }

    [Fact]
    public void Set_access_flags_stores_if_different_and_always_returns_true()
    {
        var w = new RiscVWorld(napot: false);
        w.Map(I, 0x12345, 1, flags: 0x17);
        Assert.True(w.Ops.PtepSetAccessFlags(w.Mm, w.Addr(I), w.P(I), new Pte(0x48d1457), dirty: false));
        Assert.Equal(new Pte(0x48d1457), w.Raw(I));
        var before = w.Mm.Cost.Snapshot();
        Assert.True(w.Ops.PtepSetAccessFlags(w.Mm, w.Addr(I), w.P(I), new Pte(0x48d1457), dirty: false));
        Assert.Equal(0, (w.Mm.Cost.Snapshot() - before).PteWrites);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Wrprotect_and_test_and_clear_young_keep_a_d_set_by_a_racing_svadu_store(bool napot)
    {
        var w = new RiscVWorld(napot);
        w.Map(I, 0x12345, 1, flags: 0x57);
        var race = new HardwareWriteBefore(w, I, PteAccessKind.CompareExchange);
        w.Table.Observer = race;
        w.Ops.PtepSetWrprotect(w.Mm, w.Addr(I), w.P(I));
        w.Table.Observer = null;
        Assert.True(race.Fired);
        Assert.Equal(new Pte(0x48d14d3), w.Raw(I));

        w.Table.Write(I, new Pte(0x48d1457));
        race = new HardwareWriteBefore(w, I, PteAccessKind.CompareExchange);
        w.Table.Observer = race;
        Assert.True(w.Ops.PtepTestAndClearYoung(w.Mm, w.Addr(I), w.P(I)));
        w.Table.Observer = null;
        Assert.True(race.Fired);
        Assert.Equal(new Pte(0x48d1497), w.Raw(I));                 // A cleared, the racing D kept
    }
}
