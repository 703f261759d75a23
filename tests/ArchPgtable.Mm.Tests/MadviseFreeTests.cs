using ArchPgtable.Mm.Memory;
using ArchPgtable.Mm.Operations;

namespace ArchPgtable.Mm.Tests;

public class MadviseFreeTests
{
    [Theory]
    [MemberData(nameof(Machines.All), MemberType = typeof(Machines))]
    public void Old_and_new_leave_the_same_logical_result_and_new_never_splits(string arch)
    {
        var a = Machines.Build(arch);
        var g = a.Geometry;
        var bytes = 64 * g.PageSize;
        var results = new Dictionary<MadviseFreeAlgorithm, (MmSystem Sys, MmStruct Mm)>();
        foreach (var algo in new[] { MadviseFreeAlgorithm.Old, MadviseFreeAlgorithm.New })
        {
            var (sys, mm) = Machines.Create(a, bytes, folioOrder: 4);
            Machines.WriteAll(sys, mm, Machines.Base, bytes);
            var before = sys.Counters.Snapshot();
            Madvise.Free(mm, Machines.Base, bytes, algo);
            var cost = sys.Counters.Snapshot() - before;
            if (algo == MadviseFreeAlgorithm.New)
            {
                Assert.Equal(0, cost.FolioSplits);
            }
            else
            {
                Assert.Equal(4, cost.FolioSplits);
                Assert.Equal(64, cost.SplitPages);
            }

            results[algo] = (sys, mm);
        }

        foreach (var (sys, mm) in results.Values)
        {
            for (var va = Machines.Base; va < Machines.Base + bytes; va += g.PageSize)
            {
                var pte = Machines.Get(sys, mm, va);
                Assert.True(a.Format.Present(pte));
                Assert.False(a.Format.Young(pte), $"0x{va:x} young");
                Assert.False(a.Format.Dirty(pte), $"0x{va:x} dirty");
                var flags = sys.Memory.Flags(a.Format.Pfn(pte));
                Assert.True((flags & FolioFlags.Anon) != 0 && (flags & FolioFlags.SwapBacked) == 0, $"0x{va:x} not lazyfree");
            }
        }

        var oldSys = results[MadviseFreeAlgorithm.Old].Sys;
        var newSys = results[MadviseFreeAlgorithm.New].Sys;
        Assert.Equal(64, oldSys.Stats.LazyfreeFolios);
        Assert.Equal(4, newSys.Stats.LazyfreeFolios);
    }

    [Theory]
    [MemberData(nameof(Machines.All), MemberType = typeof(Machines))]
    public void New_splits_only_a_folio_the_range_cuts(string arch)
    {
        var a = Machines.Build(arch);
        var g = a.Geometry;
        var (sys, mm) = Machines.Create(a, 64 * g.PageSize, folioOrder: 4);
        Machines.WriteAll(sys, mm, Machines.Base, 64 * g.PageSize);
        Madvise.Free(mm, Machines.Base + (8 * g.PageSize), 24 * g.PageSize, MadviseFreeAlgorithm.New);

        Assert.Equal(1, sys.Counters.FolioSplits);
        Assert.Equal(0, sys.Memory.OrderOf(a.Format.Pfn(Machines.Get(sys, mm, Machines.Base))));
        Assert.Equal(4, sys.Memory.OrderOf(a.Format.Pfn(Machines.Get(sys, mm, Machines.Base + (16 * g.PageSize)))));
        Assert.True(a.Format.Dirty(Machines.Get(sys, mm, Machines.Base + (7 * g.PageSize))));
        Assert.False(a.Format.Dirty(Machines.Get(sys, mm, Machines.Base + (8 * g.PageSize))));
        Assert.True(a.Format.Dirty(Machines.Get(sys, mm, Machines.Base + (32 * g.PageSize))));
    }

    [Theory]
    [MemberData(nameof(Machines.All), MemberType = typeof(Machines))]
    public void Old_gives_up_on_the_rest_of_the_pmd_when_a_folio_is_locked_new_skips_it(string arch)
    {
        var a = Machines.Build(arch);
        var g = a.Geometry;
        foreach (var algo in new[] { MadviseFreeAlgorithm.Old, MadviseFreeAlgorithm.New })
        {
            var (sys, mm) = Machines.Create(a, 64 * g.PageSize, folioOrder: 4);
            Machines.WriteAll(sys, mm, Machines.Base, 64 * g.PageSize);
            var locked = a.Format.Pfn(Machines.Get(sys, mm, Machines.Base + (16 * g.PageSize)));
            sys.Memory.SetFlags(locked, FolioFlags.Locked);
            Madvise.Free(mm, Machines.Base + (8 * g.PageSize), 48 * g.PageSize, algo);
            var lastFolioDirty = a.Format.Dirty(Machines.Get(sys, mm, Machines.Base + (40 * g.PageSize)));
            Assert.Equal(algo == MadviseFreeAlgorithm.Old, lastFolioDirty);
        }
    }

    [Theory]
    [MemberData(nameof(Machines.All), MemberType = typeof(Machines))]
    public void Madvise_free_flushes_the_tlb_once_and_later_writes_are_not_lost(string arch)
    {
        var a = Machines.Build(arch);
        var g = a.Geometry;
        var (sys, mm) = Machines.Create(a, 64 * g.PageSize, folioOrder: 4);
        Machines.WriteAll(sys, mm, Machines.Base, 64 * g.PageSize);
        var before = sys.Counters.Snapshot();
        Madvise.Free(mm, Machines.Base, 64 * g.PageSize, MadviseFreeAlgorithm.New);
        Assert.Equal(1, (sys.Counters.Snapshot() - before).TlbFlushRange);

        var v = sys.Mmu.Write(mm, Machines.Base + (3 * g.PageSize));
        Assert.True(a.Format.Dirty(Machines.Get(sys, mm, Machines.Base + (3 * g.PageSize))));
        Reclaim.Range(mm, Machines.Base, 64 * g.PageSize);
        Assert.Equal(v, sys.Mmu.Read(mm, Machines.Base + (3 * g.PageSize)));
        Assert.Empty(sys.Oracle!.Losses);
    }
}
