using ArchPgtable.X86.Tests.Support;
using NSubstitute;

namespace ArchPgtable.X86.Tests;

/// <summary>What each x86 override does, and what it costs, on one PTE table.</summary>
public class OverrideTests
{
    private const int I = 3;

    [Fact]
    public void Ptep_get_and_clear_is_one_atomic_exchange()
    {
        var w = new X86World();
        w.Map(I, X86World.BasePfn, 1);
        var before = w.Mm.Cost.Snapshot();
        Assert.Equal(new Pte(0x8000000012340027), w.Ops.PtepGetAndClear(w.Mm, w.Addr(I), w.P(I)));
        var cost = w.Mm.Cost.Snapshot() - before;
        Assert.Equal((0L, 1L, 1L), (cost.PteReads, cost.PteWrites, cost.AtomicUpdates));
        Assert.True(w.Raw(I).IsNone);
    }

    [Theory]
    [InlineData(true, 0L)]  // native_local_ptep_get_and_clear: read + plain store
    [InlineData(false, 1L)] // ptep_get_and_clear: xchg
    public void Ptep_get_and_clear_full_is_a_plain_clear_only_when_full(bool full, long atomics)
    {
        var w = new X86World();
        w.Map(I, X86World.BasePfn, 1);
        var before = w.Mm.Cost.Snapshot();
        Assert.Equal(new Pte(0x8000000012340027), w.Ops.PtepGetAndClearFull(w.Mm, w.Addr(I), w.P(I), full));
        Assert.Equal(atomics, (w.Mm.Cost.Snapshot() - before).AtomicUpdates);
        Assert.True(w.Raw(I).IsNone);
    }

    [Fact]
    public void Test_and_clear_young_clears_only_accessed_and_skips_the_atomic_when_old()
    {
        var w = new X86World();
        w.Map(I, X86World.BasePfn, 1);
        w.Touch(I, write: true);
        Assert.True(w.Ops.PtepTestAndClearYoung(w.Mm, w.Addr(I), w.P(I)));
        Assert.Equal(new Pte(0x8000000012340047), w.Raw(I));

        var before = w.Mm.Cost.Snapshot();
        Assert.False(w.Ops.PtepTestAndClearYoung(w.Mm, w.Addr(I), w.P(I)));
        Assert.Equal(0, (w.Mm.Cost.Snapshot() - before).AtomicUpdates);
    }

    [Fact]
    public void Clear_flush_young_never_flushes()
    {
        var tlb = Substitute.For<ITlbFlusher>();
        var w = new X86World(tlb: tlb);
        w.Map(I, X86World.BasePfn, 1);
        Assert.True(w.Ops.PtepClearFlushYoung(w.Mm, w.Addr(I), w.P(I)));
        Assert.False(X86Pte.Young(w.Raw(I)));
        Assert.Empty(tlb.ReceivedCalls());
    }

    [Theory]
    [InlineData(true, 0x8400000012340025UL)]
    [InlineData(false, 0x8000000012340065UL)]
    public void Set_wrprotect_moves_dirty_to_saved_dirty(bool savedDirty, ulong expected)
    {
        var w = new X86World(savedDirty);
        w.Map(I, X86World.BasePfn, 1);
        w.Touch(I, write: true);
        w.Ops.PtepSetWrprotect(w.Mm, w.Addr(I), w.P(I));
        Assert.Equal(new Pte(expected), w.Raw(I));
        Assert.True(w.Fmt.Dirty(w.Ops.PtepGet(w.P(I))));
    }

    [Fact]
    public void Set_access_flags_stores_only_a_changed_entry_on_a_write_fault_and_never_flushes()
    {
        var tlb = Substitute.For<ITlbFlusher>();
        var w = new X86World(tlb: tlb);
        w.Map(I, X86World.BasePfn, 1, X86PageProt.PAGE_COPY);
        var ro = w.Raw(I);
        var writable = w.Fmt.MkDirty(w.Fmt.MkWrite(ro));

        Assert.True(w.Ops.PtepSetAccessFlags(w.Mm, w.Addr(I), w.P(I), writable, dirty: false));
        Assert.Equal(ro, w.Raw(I));                                    // changed, but not a write fault: not stored
        Assert.True(w.Ops.PtepSetAccessFlags(w.Mm, w.Addr(I), w.P(I), writable, dirty: true));
        Assert.Equal(new Pte(0x8000000012340867), w.Raw(I));
        Assert.False(w.Ops.PtepSetAccessFlags(w.Mm, w.Addr(I), w.P(I), writable, dirty: true));
        Assert.Empty(tlb.ReceivedCalls());
    }

    [Fact]
    public void The_generic_batch_helpers_run_on_the_x86_single_entry_overrides()
    {
        var w = new X86World();
        w.Map(0, X86World.BasePfn, 8);
        for (var i = 0; i < 8; i++)
        {
            w.Touch(i, write: true);
        }

        w.Ops.WrprotectPtes(w.Mm, w.Addr(0), w.P(0), 4);
        w.Ops.ClearYoungDirtyPtes(w.Mm, w.Addr(2), w.P(2), 4, CydpFlags.Young | CydpFlags.Dirty);
        Assert.Equal(
            [0x8400000012340025UL, 0x8400000012341025UL, 0x8000000012342005UL, 0x8000000012343005UL,
             0x8000000012344007UL, 0x8000000012345007UL, 0x8000000012346067UL, 0x8000000012347067UL],
            Enumerable.Range(0, 8).Select(i => w.Raw(i).Value));

        var all = w.Ops.GetAndClearFullPtes(w.Mm, w.Addr(0), w.P(0), 8, full: true);
        Assert.Equal(0x8400000012340825UL, all.Value);                 // entry 0 with pte_mkdirty() for the batch: SOFT_DIRTY too, dirty kept as SavedDirty
        Assert.All(Enumerable.Range(0, 8), i => Assert.True(w.Raw(i).IsNone));
    }
}
