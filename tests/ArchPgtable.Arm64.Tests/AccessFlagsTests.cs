using ArchPgtable.Arm64.Tests.Support;
using NSubstitute;

namespace ArchPgtable.Arm64.Tests;

/// <summary>ptep_set_access_flags: both contpte paths and the raw helper.</summary>
public class AccessFlagsTests
{
    [Theory]
    [MemberData(nameof(Granules.All), MemberType = typeof(Granules))]
    public void Cont_write_unchanged_updates_the_block_and_flushes_its_range_once(Arm64Granule g)
    {
        var tlb = Substitute.For<ITlbFlusher>();
        var events = Substitute.For<ICostCounters>();
        var w = new World(g, tlb: tlb, events: events);
        var c = w.C;
        w.Map(c, World.BasePfn, c);                          // clean, writable, old
        var i = c + 4;
        // What the write-fault path builds: pte_mkyoung(pte_mkdirty(orig)).
        var entry = Arm64Pte.MkYoung(Arm64Pte.MkDirty(Arm64Pte.MkNonCont(w.Get(i))));

        Assert.True(w.Ops.PtepSetAccessFlags(w.Mm, w.Addr(i), w.P(i), entry, dirty: true));

        for (var k = c; k < 2 * c; k++)
        {
            var raw = w.Raw(k);
            Assert.True(Arm64Pte.ValidCont(raw));
            Assert.True(Arm64Pte.Young(raw) && Arm64Pte.HwDirty(raw), $"entry {k}: {w.Fmt.Describe(raw)}");
        }

        // Mainline: local_flush_tlb_contpte() — this CPU and the SVA devices, no broadcast.
        tlb.Received(1).FlushRangeLocal(w.Addr(c), w.Addr(2 * c), w.PageSize, true);
        tlb.ReceivedWithAnyArgs(1).FlushRangeLocal(default, default, default, default);
        tlb.DidNotReceiveWithAnyArgs().FlushRange(default, default, default, default, default);
        tlb.DidNotReceiveWithAnyArgs().FlushPage(default);
        events.DidNotReceiveWithAnyArgs().Unfold(default, default);

        // Same entry again: the gathered, CONT-stripped value equals it, so nothing is written.
        var writes = w.Mm.Cost.PteWrites;
        Assert.False(w.Ops.PtepSetAccessFlags(w.Mm, w.Addr(i), w.P(i), entry, dirty: true));
        Assert.Equal(writes, w.Mm.Cost.PteWrites);
    }

    [Theory]
    [MemberData(nameof(Granules.All), MemberType = typeof(Granules))]
    public void Cont_young_only_without_dirty_does_not_flush(Arm64Granule g)
    {
        var tlb = Substitute.For<ITlbFlusher>();
        var w = new World(g, tlb: tlb);
        var c = w.C;
        w.Map(0, World.BasePfn, c);
        var entry = Arm64Pte.MkYoung(Arm64Pte.MkNonCont(w.Get(1)));
        Assert.True(w.Ops.PtepSetAccessFlags(w.Mm, w.Addr(1), w.P(1), entry, dirty: false));
        Assert.True(Arm64Pte.Young(w.Raw(c - 1)));
        Assert.False(Arm64Pte.Dirty(w.Get(0)));
        Assert.Empty(tlb.ReceivedCalls());
    }

    [Theory]
    [MemberData(nameof(Granules.All), MemberType = typeof(Granules))]
    public void Cont_write_change_unfolds_and_updates_only_the_target(Arm64Granule g)
    {
        var tlb = Substitute.For<ITlbFlusher>();
        var events = Substitute.For<ICostCounters>();
        var w = new World(g, tlb: tlb, events: events);
        var c = w.C;
        w.Mm.AddFolio(World.BasePfn, c);
        w.Map(c, World.BasePfn, c, Arm64PageProt.PAGE_READONLY);   // private mapping: read-only until the write fault
        var i = c + 6;
        // wp_page_reuse: maybe_mkwrite(pte_mkdirty(pte_mkyoung(orig))).
        var entry = Arm64Pte.MkWrite(Arm64Pte.MkDirty(Arm64Pte.MkYoung(Arm64Pte.MkNonCont(w.Get(i)))));

        Assert.True(w.Ops.PtepSetAccessFlags(w.Mm, w.Addr(i), w.P(i), entry, dirty: true));

        events.Received(1).Unfold(w.Addr(c), c);
        tlb.Received(1).FlushRange(w.Addr(c), w.Addr(2 * c), w.PageSize, true, true);   // the unfold's BBM
        tlb.Received(1).FlushRangeLocal(w.Addr(i), w.Addr(i + 1), w.PageSize, true);   // the raw helper's dirty flush: local_flush_tlb_page()
        tlb.DidNotReceiveWithAnyArgs().FlushPage(default);
        var target = w.Raw(i);
        Assert.True(Arm64Pte.Write(target) && Arm64Pte.Dirty(target) && Arm64Pte.Young(target));
        for (var k = c; k < 2 * c; k++)
        {
            Assert.False(w.IsCont(k));
            if (k != i)
            {
                Assert.False(Arm64Pte.Write(w.Raw(k)), $"entry {k} became writable");
            }
        }
    }

    [Fact]
    public void Raw_helper_only_makes_an_entry_more_permissive()
    {
        var w = new World(Arm64Granule.Granule4K, g => new Arm64NoContPteOps(g));
        w.Map(0, World.BasePfn, 1);                        // clean writable old: RDONLY|WRITE
        w.Touch(0);                                        // hardware made it young + dirty (RDONLY clear)
        var before = w.Raw(0);
        // A stale, less permissive entry (old, clean, read-only bit set) must not undo the hardware's work.
        var stale = Arm64Pte.MkClean(Arm64Pte.MkOld(before));
        Assert.True(w.Ops.PtepSetAccessFlags(w.Mm, w.Addr(0), w.P(0), stale, dirty: false));
        Assert.Equal(before, w.Raw(0));
        Assert.False(w.Ops.PtepSetAccessFlags(w.Mm, w.Addr(0), w.P(0), before, dirty: true));
        Assert.Equal(0, w.Mm.Cost.TlbFlushes);
    }
}
