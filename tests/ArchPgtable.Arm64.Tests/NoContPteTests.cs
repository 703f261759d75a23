using ArchPgtable.Arm64.Tests.Support;

namespace ArchPgtable.Arm64.Tests;

/// <summary>CONFIG_ARM64_CONTPTE=n: the public helpers are the raw __ twins.</summary>
public class NoContPteTests
{
    private static World NewWorld(Arm64Granule g) => new(g, gr => new Arm64NoContPteOps(gr));

    [Theory]
    [MemberData(nameof(Granules.All), MemberType = typeof(Granules))]
    public void Set_ptes_never_marks_cont_and_single_sets_never_fold(Arm64Granule g)
    {
        var w = NewWorld(g);
        var c = w.C;
        w.Mm.AddFolio(World.BasePfn, 3 * c);
        w.Map(0, World.BasePfn, 2 * c);
        for (var i = 0; i < c; i++)
        {
            w.Ops.SetPteAt(w.Mm, w.Addr((2 * c) + i), w.P((2 * c) + i), w.Fresh(World.BasePfn + (ulong)((2 * c) + i)));
        }

        Assert.All(Enumerable.Range(0, 3 * c), i => Assert.False(w.IsCont(i)));
        Assert.Equal(0, w.Mm.Cost.Folds);
        Assert.Equal(3 * c, w.Mm.Cost.PteWrites);
    }

    [Theory]
    [MemberData(nameof(Granules.All), MemberType = typeof(Granules))]
    public void Clear_young_dirty_touches_exactly_the_range(Arm64Granule g)
    {
        var w = NewWorld(g);
        var c = w.C;
        w.Map(0, World.BasePfn, 2 * c);
        w.TouchRange(0, 2 * c);
        w.Ops.ClearYoungDirtyPtes(w.Mm, w.Addr(2), w.P(2), c, CydpFlags.Young | CydpFlags.Dirty);
        for (var i = 0; i < 2 * c; i++)
        {
            var inRange = i >= 2 && i < 2 + c;
            Assert.Equal(!inRange, Arm64Pte.Young(w.Get(i)));
            Assert.Equal(!inRange, Arm64Pte.Dirty(w.Get(i)));
        }
    }

    [Theory]
    [MemberData(nameof(Granules.All), MemberType = typeof(Granules))]
    public void Ptep_get_does_not_gather_even_over_raw_cont_entries(Arm64Granule g)
    {
        var w = NewWorld(g);
        var c = w.C;
        Arm64RawPtes.SetPtes(w.Fmt, w.P(0), Arm64Pte.MkCont(w.Fresh(World.BasePfn)), c);
        w.Touch(5);
        var reads = w.Mm.Cost.PteReads;
        Assert.False(Arm64Pte.Young(w.Get(0)));
        Assert.Equal(reads + 1, w.Mm.Cost.PteReads);                 // one word, no block scan
        Assert.False(Arm64Pte.Young(w.Ops.PtepGetLockless(w.P(0))));
        Assert.True(Arm64Pte.Young(w.Get(5)));
    }

    [Theory]
    [MemberData(nameof(Granules.All), MemberType = typeof(Granules))]
    public void Wrprotect_and_clear_never_unfold(Arm64Granule g)
    {
        var w = NewWorld(g);
        var c = w.C;
        Arm64RawPtes.SetPtes(w.Fmt, w.P(0), Arm64Pte.MkCont(w.Fresh(World.BasePfn)), 2 * c);
        w.Ops.PtepSetWrprotect(w.Mm, w.Addr(1), w.P(1));
        w.Ops.WrprotectPtes(w.Mm, w.Addr(c + 2), w.P(c + 2), 3);
        Assert.True(w.Ops.PtepGetAndClear(w.Mm, w.Addr(4), w.P(4)) is var old && Arm64Pte.Cont(old));
        Assert.Equal(0, w.Mm.Cost.Unfolds);
        Assert.Equal(0, w.Mm.Cost.TlbFlushes);
        Assert.False(Arm64Pte.Write(w.Raw(1)));
        Assert.True(Arm64Pte.Write(w.Raw(2)));
        Assert.True(w.IsCont(2));
    }
}
