using ArchPgtable.RiscV.Tests.Support;

namespace ArchPgtable.RiscV.Tests;

/// <summary>ptep_set_access_flags on a NAPOT range: the Svade fault path and do_wp_page's reuse.</summary>
public class NapotAccessFlagsTests
{
    [Fact]
    public void With_w_unchanged_every_entry_of_the_range_gets_the_bits_and_no_unfold()
    {
        var w = new RiscVWorld(svadu: false);
        w.Map(16, RiscVWorld.BasePfn, 16, flags: 0x17);             // old, clean: a Svade hart faults on it
        var entry = w.Fmt.MkDirty(w.Fmt.MkYoung(w.Get(21)));        // what the fault handler asks for

        Assert.True(w.Ops.PtepSetAccessFlags(w.Mm, w.Addr(21), w.P(21), entry, dirty: true));

        Assert.All(Enumerable.Range(16, 16), i => Assert.Equal(new Pte(0x80000000048d20d7), w.Raw(i)));
        Assert.Equal(0, w.Mm.Cost.Unfolds);
        Assert.True(w.Hardware.Translate(w.Raw(27), Hardware.MemoryAccess.Write).Ok);
    }

    /// <summary>
    /// The no-op check is per entry, not on the gathered view: an entry the hart reads with A clear
    /// is fixed even though ptep_get() already reports the range young (arm64's gathered-view no-op
    /// check would return without writing, and a non-updating agent would fault again forever).
    /// </summary>
    [Fact]
    public void An_entry_left_old_is_fixed_even_when_the_gathered_view_is_young()
    {
        var w = new RiscVWorld(svadu: false);
        w.Map(16, RiscVWorld.BasePfn, 16);
        w.Table.Write(27, RiscVPte.MkOld(w.Raw(27)));               // one entry old, the rest young
        var entry = w.Fmt.MkYoung(w.Get(27));
        Assert.Equal(entry, w.Get(27));                             // the gathered view already says young

        Assert.True(w.Ops.PtepSetAccessFlags(w.Mm, w.Addr(27), w.P(27), entry, dirty: false));
        Assert.True(RiscVPte.Young(w.Raw(27)));
    }

    [Fact]
    public void Making_a_range_writable_unfolds_it_and_updates_only_the_faulting_page()
    {
        var w = new RiscVWorld();
        w.Map(16, RiscVWorld.BasePfn, 16);
        w.Ops.WrprotectPtes(w.Mm, w.Addr(16), w.P(16), 16);
        var reuse = w.Fmt.MkWrite(w.Get(21));

        Assert.True(w.Ops.PtepSetAccessFlags(w.Mm, w.Addr(21), w.P(21), reuse, dirty: true));

        Assert.Equal(1, w.Mm.Cost.Unfolds);
        Assert.Equal(new Pte(0x48d14d7), w.Raw(21));
        Assert.All(Enumerable.Range(16, 16).Where(i => i != 21), i => Assert.Equal(w.Plain(RiscVWorld.BasePfn + (ulong)(i - 16), 0xd3), w.Raw(i)));
    }

    [Fact]
    public void A_plain_entry_takes_riscvs_store_if_different_and_true_even_when_unchanged()
    {
        var w = new RiscVWorld();
        w.Map(3, RiscVWorld.BasePfn, 1);
        var before = w.Mm.Cost.Snapshot();
        Assert.True(w.Ops.PtepSetAccessFlags(w.Mm, w.Addr(3), w.P(3), w.Raw(3), dirty: false));
        Assert.Equal(0, (w.Mm.Cost.Snapshot() - before).PteWrites);
    }
}
