using ArchPgtable.Mm.Memory;
using ArchPgtable.Mm.Operations;

namespace ArchPgtable.Mm.Tests;

public class ReclaimTests
{
    [Theory]
    [MemberData(nameof(Machines.All), MemberType = typeof(Machines))]
    public void Each_reclaim_decision(string arch)
    {
        var a = Machines.Build(arch);
        var g = a.Geometry;
        var folio = 16 * g.PageSize;
        var (sys, mm) = Machines.Create(a, 4 * folio, folioOrder: 4);
        Machines.WriteAll(sys, mm, Machines.Base, 4 * folio);
        Madvise.Free(mm, Machines.Base, 3 * folio, MadviseFreeAlgorithm.New);

        var written = sys.Mmu.Write(mm, Machines.Base + folio + (5 * g.PageSize));
        sys.Mmu.Read(mm, Machines.Base + (2 * folio) + (9 * g.PageSize));

        var outcomes = Reclaim.Range(mm, Machines.Base, 4 * folio).Select(o => o.Outcome).ToList();
        Assert.Equal(
            [ReclaimOutcome.Discarded, ReclaimOutcome.KeptReferenced, ReclaimOutcome.KeptReferenced, ReclaimOutcome.KeptReferenced],
            outcomes);

        outcomes = Reclaim.Range(mm, Machines.Base + folio, 3 * folio).Select(o => o.Outcome).ToList();
        Assert.Equal([ReclaimOutcome.Redirtied, ReclaimOutcome.Discarded, ReclaimOutcome.SwappedOut], outcomes);

        Assert.Equal(0, sys.Mmu.Read(mm, Machines.Base));
        Assert.Equal(written, sys.Mmu.Read(mm, Machines.Base + folio + (5 * g.PageSize)));
        Assert.True(sys.Memory.Test(a.Format.Pfn(Machines.Get(sys, mm, Machines.Base + folio)), FolioFlags.SwapBacked));
        Assert.Equal(0, sys.Mmu.Read(mm, Machines.Base + (2 * folio)));
        Assert.Empty(sys.Oracle!.Losses);
    }

    [Theory]
    [MemberData(nameof(Machines.All), MemberType = typeof(Machines))]
    public void A_folio_mapped_by_another_mm_is_kept(string arch)
    {
        var a = Machines.Build(arch);
        var g = a.Geometry;
        var (sys, mm) = Machines.Create(a, 16 * g.PageSize, folioOrder: 4);
        Machines.WriteAll(sys, mm, Machines.Base, 16 * g.PageSize);
        var child = Fork.Run(mm);
        Reclaim.Range(mm, Machines.Base, 16 * g.PageSize);
        var outcome = Assert.Single(Reclaim.Range(mm, Machines.Base, 16 * g.PageSize));
        Assert.Equal(ReclaimOutcome.KeptBusy, outcome.Outcome);
        Assert.NotNull(child);
    }

    [Theory]
    [MemberData(nameof(Machines.All), MemberType = typeof(Machines))]
    public void A_range_that_starts_inside_a_folio_reclaims_the_whole_folio(string arch)
    {
        var a = Machines.Build(arch);
        var g = a.Geometry;
        var folio = 16 * g.PageSize;
        var (sys, mm) = Machines.Create(a, 2 * folio, folioOrder: 4);
        Machines.WriteAll(sys, mm, Machines.Base, 2 * folio);
        Madvise.Free(mm, Machines.Base, 2 * folio, MadviseFreeAlgorithm.New);

        var outcomes = Reclaim.Range(mm, Machines.Base + (5 * g.PageSize), (2 * folio) - (5 * g.PageSize));

        Assert.Equal([ReclaimOutcome.Discarded, ReclaimOutcome.Discarded], outcomes.Select(o => o.Outcome));
        Assert.Equal(0, sys.Memory.AllocatedPages);
        Assert.Equal(0, sys.Mmu.Read(mm, Machines.Base + (7 * g.PageSize)));
        Assert.Empty(sys.Oracle!.Losses);
    }
}
