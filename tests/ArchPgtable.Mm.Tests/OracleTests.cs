using ArchPgtable.Generic;
using ArchPgtable.Mm.Operations;
using ArchPgtable.Plugins;

namespace ArchPgtable.Mm.Tests;

public class OracleTests
{
    /// <summary>A known-bad helper: clear_young_dirty_ptes that also cleans the entry just past its range.</summary>
    private sealed class ClearsOnePastTheRange(IPteFormat format, ArchGeometry geometry) : GenericPageTableOps(format, geometry)
    {
        protected override void ClearYoungDirtyPtesCore(IMmContext vma, ulong addr, PtePointer ptep, int nr, CydpFlags flags)
        {
            base.ClearYoungDirtyPtesCore(vma, addr, ptep, nr, flags);
            if (ptep.Index + nr < ptep.Table.Count)
            {
                var next = ptep + nr;
                next.Write(Format.MkClean(Format.MkOld(next.Read())));
            }
        }
    }

    private static ArchInstance Broken()
    {
        var good = Machines.Generic();
        return new ArchInstance
        {
            Arch = "generic-broken",
            Config = good.Config,
            Geometry = good.Geometry,
            Format = good.Format,
            Hardware = good.Hardware,
            Ops = new ClearsOnePastTheRange(good.Format, good.Geometry),
        };
    }

    private static IReadOnlyList<Oracle.DataLoss> Scenario(ArchInstance arch)
    {
        var g = arch.Geometry;
        var folio = 16 * g.PageSize;
        var (sys, mm) = Machines.Create(arch, 2 * folio, folioOrder: 4);
        Machines.WriteAll(sys, mm, Machines.Base, 2 * folio);
        Madvise.Free(mm, Machines.Base + folio, folio, MadviseFreeAlgorithm.New);
        sys.Mmu.Write(mm, Machines.Base + folio);
        Madvise.Free(mm, Machines.Base, folio, MadviseFreeAlgorithm.New);
        Reclaim.Range(mm, Machines.Base, 2 * folio);
        Reclaim.Range(mm, Machines.Base, 2 * folio);
        sys.Mmu.Read(mm, Machines.Base + folio);
        return sys.Oracle!.Losses;
    }

    [Fact]
    public void The_correct_helper_loses_nothing()
    {
        Assert.Empty(Scenario(Machines.Generic()));
    }

    [Fact]
    public void A_helper_that_cleans_outside_its_range_shows_up_as_data_loss_with_history()
    {
        var loss = Assert.Single(Scenario(Broken()));
        Assert.Equal(Machines.Base + (16 * 4096UL), loss.Address);
        Assert.Equal(0, loss.Actual);
        Assert.NotEqual(0, loss.Expected);
        Assert.Contains(loss.History, h => h.StartsWith("madvise(MADV_FREE", StringComparison.Ordinal));
        Assert.Contains("data loss", loss.ToString(), StringComparison.Ordinal);
    }
}
