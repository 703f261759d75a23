using ArchPgtable.RiscV.Tests.Support;

namespace ArchPgtable.RiscV.Tests;

/// <summary>Fold and unfold: break-before-make, a synchronous range flush, A/D kept, counted.</summary>
public class NapotFoldTests
{
    [Fact]
    public void Filling_a_folio_entry_by_entry_folds_on_the_last_one()
    {
        var w = new RiscVWorld();
        for (var i = 0; i < 15; i++)
        {
            w.Ops.SetPteAt(w.Mm, w.Addr(16 + i), w.P(16 + i), w.Plain(RiscVWorld.BasePfn + (ulong)i, i == 3 ? 0xd7UL : 0x57UL));
        }

        Assert.Equal(0, w.Mm.Cost.Folds);
        w.Ops.SetPteAt(w.Mm, w.Addr(31), w.P(31), w.Plain(RiscVWorld.BasePfn + 15, 0x57));

        Assert.Equal(1, w.Mm.Cost.Folds);
        Assert.Equal((1L, 16L), (w.Mm.Cost.TlbFlushRange, w.Mm.Cost.TlbFlushedPages));
        Assert.All(Enumerable.Range(16, 16), i => Assert.Equal(new Pte(0x80000000048d20d7), w.Raw(i))); // entry 3's D smeared
    }

    [Fact]
    public void Entries_that_differ_in_more_than_a_d_or_that_no_one_folio_covers_do_not_fold()
    {
        var w = new RiscVWorld();
        for (var i = 0; i < 16; i++)
        {
            w.Ops.SetPteAt(w.Mm, w.Addr(16 + i), w.P(16 + i), w.Plain(RiscVWorld.BasePfn + (ulong)i, i == 7 ? 0x53UL : 0x57UL));
            w.Ops.SetPteAt(w.Mm, w.Addr(32 + i), w.P(32 + i), w.Plain(0x20000 + (ulong)i, 0x57));   // no folio registered there
        }

        Assert.Equal(0, w.Mm.Cost.Folds);
        Assert.False(RiscVPte.Napot(w.Raw(31)));
        Assert.False(RiscVPte.Napot(w.Raw(47)));
    }

    [Fact]
    public void Ptep_get_and_clear_unfolds_the_range_first()
    {
        var w = new RiscVWorld();
        w.Map(16, RiscVWorld.BasePfn, 16, flags: 0x57);
        w.Touch(30, write: true);

        var old = w.Ops.PtepGetAndClear(w.Mm, w.Addr(21), w.P(21));

        Assert.Equal(new Pte(0x48d14d7), old);                                     // page 5, with the range's D
        Assert.True(w.Raw(21).IsNone);
        Assert.Equal((0L, 1L, 1L), (w.Mm.Cost.Folds, w.Mm.Cost.Unfolds, w.Mm.Cost.TlbFlushRange));
        Assert.All(Enumerable.Range(16, 16).Where(i => i != 21), i => Assert.Equal(w.Plain(RiscVWorld.BasePfn + (ulong)(i - 16)), w.Raw(i)));
    }

    [Fact]
    public void A_kernel_mm_never_unfolds()
    {
        var w = new RiscVWorld();
        w.Map(16, RiscVWorld.BasePfn, 16);
        w.Mm.IsUserMm = false;
        w.Ops.PtepGetAndClear(w.Mm, w.Addr(20), w.P(20));
        Assert.Equal(0, w.Mm.Cost.Unfolds);
    }
}
