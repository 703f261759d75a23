using ArchPgtable.Arm64.Tests.Support;
using NSubstitute;

namespace ArchPgtable.Arm64.Tests;

/// <summary>contpte_try_fold via set_pte_at of a block's last entry, through contpte_convert (break-before-make).</summary>
public class FoldTests
{
    private static void SetOneByOne(World w, int start, ulong pfn, int nr, ulong prot = Arm64PageProt.PAGE_SHARED)
    {
        for (var i = 0; i < nr; i++)
        {
            w.Ops.SetPteAt(w.Mm, w.Addr(start + i), w.P(start + i), w.Fresh(pfn + (ulong)i, prot));
        }
    }

    [Theory]
    [MemberData(nameof(Granules.All), MemberType = typeof(Granules))]
    public void Setting_the_last_entry_of_an_eligible_block_folds_it(Arm64Granule g)
    {
        var tlb = Substitute.For<ITlbFlusher>();
        var events = Substitute.For<ICostCounters>();
        var w = new World(g, tlb: tlb, events: events);
        var c = w.C;
        var f = 2 * c;
        w.Mm.AddFolio(World.BasePfn, c);
        SetOneByOne(w, f, World.BasePfn, c - 1);
        w.Touch(f + 3);                               // young + hardware dirty on one entry
        events.DidNotReceiveWithAnyArgs().Fold(default, default);
        Assert.False(w.IsCont(f));

        w.Ops.SetPteAt(w.Mm, w.Addr(f + c - 1), w.P(f + c - 1), w.Fresh(World.BasePfn + (ulong)(c - 1)));

        events.Received(1).Fold(w.Addr(f), c);
        events.DidNotReceiveWithAnyArgs().Unfold(default, default);
        tlb.Received(1).FlushRange(w.Addr(f), w.Addr(f + c), w.PageSize, true, true);
        tlb.ReceivedWithAnyArgs(1).FlushRange(default, default, default, default, default);
        for (var i = 0; i < c; i++)
        {
            var raw = w.Raw(f + i);
            Assert.True(Arm64Pte.ValidCont(raw), $"entry {i} not cont");
            Assert.Equal(World.BasePfn + (ulong)i, w.Fmt.Pfn(raw));
            Assert.True(Arm64Pte.Young(raw) && Arm64Pte.Dirty(raw), $"entry {i}: A/D not smeared: {w.Fmt.Describe(raw)}");
            Assert.True(Arm64Pte.Write(raw));
        }
    }

    public enum Blocker
    {
        NoFolio,
        FolioStartsInsideBlock,
        KernelMm,
        OneEntryReadOnly,
        PfnNotBlockAligned,
        SpecialEntry,
        NotLastEntry,
    }

    public static TheoryData<Arm64Granule, Blocker> Blockers()
    {
        var data = new TheoryData<Arm64Granule, Blocker>();
        foreach (var g in Granules.All)
        {
            foreach (var b in Enum.GetValues<Blocker>())
            {
                data.Add(g, b);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Blockers))]
    public void No_fold_when_a_condition_fails(Arm64Granule g, Blocker blocker)
    {
        var w = new World(g);
        var c = w.C;
        var f = 2 * c;
        var pfn = World.BasePfn;
        switch (blocker)
        {
            case Blocker.NoFolio:
                break;
            case Blocker.FolioStartsInsideBlock:
                w.Mm.AddFolio(pfn + 1, c);               // the block's first page is another folio
                w.Mm.AddFolio(pfn, 1);
                break;
            case Blocker.PfnNotBlockAligned:
                pfn += (ulong)c + 1;                     // last VA slot maps pfn % C == 0, not C-1
                w.Mm.AddFolio(pfn - 1, 2 * c);
                break;
            default:
                w.Mm.AddFolio(pfn, c);
                break;
        }

        if (blocker == Blocker.KernelMm)
        {
            w.Mm.IsUserMm = false;
        }

        var n = blocker == Blocker.NotLastEntry ? c - 1 : c;
        for (var i = 0; i < n; i++)
        {
            var prot = blocker == Blocker.OneEntryReadOnly && i == 5 ? Arm64PageProt.PAGE_READONLY : Arm64PageProt.PAGE_SHARED;
            var pte = w.Fresh(pfn + (ulong)i, prot);
            if (blocker == Blocker.SpecialEntry && i == c - 1)
            {
                pte = Arm64Pte.MkSpecial(pte);
            }

            w.Ops.SetPteAt(w.Mm, w.Addr(f + i), w.P(f + i), pte);
        }

        Assert.Equal(0, w.Mm.Cost.Folds);
        Assert.Equal(0, w.Mm.Cost.TlbFlushes);
        for (var i = 0; i < n; i++)
        {
            Assert.False(w.IsCont(f + i));
        }
    }

    [Theory]
    [MemberData(nameof(Granules.All), MemberType = typeof(Granules))]
    public void Fold_ignores_differences_in_access_and_dirty_state(Arm64Granule g)
    {
        var w = new World(g);
        var c = w.C;
        w.Mm.AddFolio(World.BasePfn, c);
        SetOneByOne(w, 0, World.BasePfn, c - 1);
        w.Touch(1, write: false);                    // young only
        w.Touch(2);                                  // young + hw dirty (RDONLY clear)
        var last = Arm64Pte.MkDirty(w.Fresh(World.BasePfn + (ulong)(c - 1)));  // sw dirty too
        w.Ops.SetPteAt(w.Mm, w.Addr(c - 1), w.P(c - 1), last);
        Assert.Equal(1, w.Mm.Cost.Folds);
        Assert.True(w.IsCont(0));
    }
}
