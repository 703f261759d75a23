using ArchPgtable.RiscV.Tests.Support;

namespace ArchPgtable.RiscV.Tests;

/// <summary>set_ptes and the core-mm view of NAPOT ranges: the raw encoding, ptep_get, gathering, pte_batch_hint.</summary>
public class NapotSetPtesTests
{
    private const ulong Napot12340 = 0x80000000048d20d7;

    [Fact]
    public void An_aligned_fully_covered_range_is_16_copies_of_one_napot_value_and_reads_as_base_plus_i()
    {
        var w = new RiscVWorld();
        w.Map(16, RiscVWorld.BasePfn, 16);

        Assert.All(Enumerable.Range(16, 16), i => Assert.Equal(new Pte(Napot12340), w.Raw(i)));
        for (var i = 0; i < 16; i++)
        {
            Assert.Equal(new Pte(0x48d00d7UL + ((ulong)i << 10)), w.Get(16 + i));   // pfn 0x12340 + i, no N
        }

        Assert.Equal((0L, 0L, 0L), (w.Mm.Cost.Folds, w.Mm.Cost.Unfolds, w.Mm.Cost.TlbFlushes));
    }

    [Fact]
    public void Only_whole_aligned_ranges_become_napot()
    {
        var w = new RiscVWorld();
        w.Map(8, RiscVWorld.BasePfn - 8, 32);

        Assert.All(Enumerable.Range(8, 8), i => Assert.False(RiscVPte.Napot(w.Raw(i))));
        Assert.All(Enumerable.Range(16, 16), i => Assert.Equal(new Pte(Napot12340), w.Raw(i)));
        Assert.All(Enumerable.Range(32, 8), i => Assert.False(RiscVPte.Napot(w.Raw(i))));
        Assert.All(Enumerable.Range(8, 32), i => Assert.Equal(RiscVWorld.BasePfn - 8 + (ulong)(i - 8), w.Fmt.Pfn(w.Get(i))));
    }

    [Fact]
    public void A_range_whose_pa_is_not_64k_aligned_stays_plain()
    {
        var w = new RiscVWorld();
        w.Map(16, RiscVWorld.BasePfn + 1, 16);
        Assert.All(Enumerable.Range(16, 16), i => Assert.Equal(w.Plain(RiscVWorld.BasePfn + 1 + (ulong)(i - 16)), w.Raw(i)));
    }

    [Fact]
    public void Ptep_get_gathers_a_and_d_that_the_hart_set_on_any_entry_of_the_range()
    {
        var w = new RiscVWorld();
        w.Map(16, RiscVWorld.BasePfn, 16, flags: 0x17);      // V|R|W|U, old and clean
        w.Touch(27, write: true);                             // a store to page 5 that the hart evaluated on entry 11

        Assert.Equal(new Pte(0x80000000048d2017), w.Raw(21));
        Assert.Equal(new Pte(0x48d14d7), w.Get(21));
        Assert.Equal(new Pte(0x48d00d7), w.Get(16));
        Assert.Equal(new Pte(0x48d14d7), w.Ops.PtepGetLockless(w.P(21)));
    }

    [Fact]
    public void Pte_batch_hint_counts_the_entries_left_in_the_range()
    {
        var w = new RiscVWorld();
        w.Map(16, RiscVWorld.BasePfn, 16);
        w.Map(40, RiscVWorld.BasePfn, 4);
        Assert.Equal(13, w.Ops.PteBatchHint(w.P(19), w.Get(19)));
        Assert.Equal(1, w.Ops.PteBatchHint(w.P(31), w.Get(31)));
        Assert.Equal(1, w.Ops.PteBatchHint(w.P(41), w.Get(41)));
    }

    [Fact]
    public void Set_ptes_refuses_a_napot_encoded_value()
    {
        var w = new RiscVWorld();
        var e = Assert.Throws<ArgumentException>(() => w.Ops.SetPtes(w.Mm, w.Addr(16), w.P(16), new Pte(Napot12340), 16));
        Assert.Contains("is NAPOT-encoded", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_upstream_build_never_writes_napot()
    {
        var w = new RiscVWorld(napot: false);
        w.Map(16, RiscVWorld.BasePfn, 16);
        Assert.All(Enumerable.Range(16, 16), i => Assert.Equal(w.Plain(RiscVWorld.BasePfn + (ulong)(i - 16)), w.Raw(i)));
        Assert.Equal(1, w.Ops.PteBatchHint(w.P(16), w.Get(16)));
    }
}
