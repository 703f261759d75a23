using ArchPgtable.Arm64.Tests.Support;
using static ArchPgtable.Arm64.Arm64PteBits;

namespace ArchPgtable.Arm64.Tests;

/// <summary>contpte_ptep_get / contpte_ptep_get_lockless: A/D gathered over the block, CONT visible.</summary>
public class PtepGetTests
{
    [Theory]
    [MemberData(nameof(Granules.All), MemberType = typeof(Granules))]
    public void Gathers_young_and_dirty_from_any_entry_of_the_block(Arm64Granule g)
    {
        var w = new World(g);
        var c = w.C;
        w.Map(0, World.BasePfn, c);
        w.Touch(7);                                       // hardware updated entry 7 only
        var raw0 = w.Raw(0);
        Assert.False(Arm64Pte.Young(raw0) || Arm64Pte.Dirty(raw0));

        var got = w.Get(0);
        Assert.True(Arm64Pte.Young(got));
        Assert.True(Arm64Pte.Dirty(got));
        Assert.True(Arm64Pte.Cont(got));                  // CONT leaks to callers (pte_leaf_size)
        Assert.Equal(World.BasePfn, w.Fmt.Pfn(got));
        Assert.Equal(1 + 8 + 1, w.Mm.Cost.PteReads);      // the target, entries 0..7, entry 7 again (mainline's early exit)
    }

    [Theory]
    [MemberData(nameof(Granules.All), MemberType = typeof(Granules))]
    public void Non_cont_entry_is_read_alone(Arm64Granule g)
    {
        var w = new World(g);
        var c = w.C;
        w.Map(0, World.BasePfn + 1, c);                   // PA-misaligned: not cont
        w.Touch(7);
        Assert.Equal(w.Raw(0), w.Get(0));
        Assert.False(Arm64Pte.Young(w.Get(0)));
        Assert.True(Arm64Pte.Young(w.Get(7)));
    }

    [Theory]
    [MemberData(nameof(Granules.All), MemberType = typeof(Granules))]
    public void Lockless_gathers_like_ptep_get_on_a_consistent_block(Arm64Granule g)
    {
        var w = new World(g);
        var c = w.C;
        w.Map(c, World.BasePfn, c);
        w.Touch(c + c - 1, write: false);
        w.Touch(c + 2);
        for (var i = c; i < 2 * c; i++)
        {
            Assert.Equal(w.Get(i), w.Ops.PtepGetLockless(w.P(i)));
        }

        Assert.Equal(w.Raw(0), w.Ops.PtepGetLockless(w.P(0)));   // none: returned as read
    }

    [Theory]
    [MemberData(nameof(Granules.All), MemberType = typeof(Granules))]
    public void Lockless_reports_a_permanently_inconsistent_block(Arm64Granule g)
    {
        var w = new World(g);
        var c = w.C;
        // Misprogrammed by hand through the raw tier: a CONT block with one entry's PFN wrong.
        Arm64RawPtes.SetPtes(w.Fmt, w.P(0), Arm64Pte.MkCont(w.Fresh(World.BasePfn)), c);
        Arm64RawPtes.SetPte(w.P(3), Arm64Pte.MkCont(w.Fresh(World.BasePfn + 0x100)));
        var e = Assert.Throws<InvalidOperationException>(() => w.Ops.PtepGetLockless(w.P(0)));
        Assert.Contains("inconsistent", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Granules.All), MemberType = typeof(Granules))]
    public void Lockless_retries_past_a_racing_change(Arm64Granule g)
    {
        var w = new World(g);
        var c = w.C;
        Arm64RawPtes.SetPtes(w.Fmt, w.P(0), Arm64Pte.MkCont(w.Fresh(World.BasePfn)), c);
        var good = w.Raw(5);
        Arm64RawPtes.SetPte(w.P(5), new Pte(good.Value & ~PTE_CONT));   // mid-repaint
        w.Table.Observer = new RepairOnNthRead(w.Table, 5, good, afterReads: 8);
        var got = w.Ops.PtepGetLockless(w.P(0));
        w.Table.Observer = null;
        Assert.True(Arm64Pte.ValidCont(got));
        // First pass: the target and entries 0..5 (7 reads) until entry 5 mismatches; the racer then
        // finishes; second pass: the target and the whole block.
        Assert.Equal(7 + 1 + c, w.Mm.Cost.PteReads);
    }

    /// <summary>Plays a racing CPU: after <c>afterReads</c> reads, writes <c>value</c> to entry <c>index</c>.</summary>
    private sealed class RepairOnNthRead(PteTable table, int index, Pte value, int afterReads) : IPteAccessObserver
    {
        private int _reads;

        public void BeforeAccess(PteTable t, int i, PteAccessKind kind)
        {
            if (kind == PteAccessKind.Read && ++_reads == afterReads)
            {
                var old = table.Peek(index);
                table.HardwareCompareExchange(index, value, old);
            }
        }

        public void AfterAccess(PteTable t, int i, PteAccessKind kind, Pte before, Pte after)
        {
        }
    }
}
