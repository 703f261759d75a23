using ArchPgtable.Mm;
using ArchPgtable.Mm.Memory;
using ArchPgtable.Mm.Operations;

namespace ArchPgtable.Hosting.Tests;

/// <summary>The facade runs the mm engine on the selected arch: map, access, madvise, reclaim, fork, munmap, counters.</summary>
public sealed class MachineOperationsTests
{
    private const ulong Start = 0x4000_0000;
    private const ulong Length = 1 << 20;

    [Fact]
    public void Arm64_contpte_lazyfree_cleans_64K_folios_with_one_flush_and_no_unfold_then_reclaim_discards_them()
    {
        using var machine = ArchPgtableMachine.CreateBuilder()
            .WithArch("arm64")
            .Set("CONFIG_ARM64_CONTPTE=y")
            .WithMm(g => new MmOptions { Thp = ThpPolicy.ForFolioSize(64 * 1024, g.PageSize) })
            .Build();
        Assert.Equal("arm64", machine.Arch.Arch);
        Assert.True(machine.Config.IsEnabled("CONFIG_ARM64_CONTPTE"));

        machine.Map(Start, Length);
        machine.WriteRange(Start, Length);
        var before = machine.Counters;
        machine.MadviseFree(Start, Length);
        var cost = machine.Counters - before;

        Assert.Equal(0, cost.Unfolds);
        Assert.Equal(0, cost.FolioSplits);
        Assert.Equal(1, cost.TlbFlushes);
        Assert.Equal(16, machine.Stats.LazyfreeFolios);
        Assert.False(machine.Format.Dirty(machine.PtepGet(Start)));

        var outcomes = machine.Reclaim(Start, Length);
        Assert.Equal(16, outcomes.Count);
        Assert.All(outcomes, o => Assert.Equal(ReclaimOutcome.Discarded, o.Outcome));
        Assert.Equal(0, machine.Read(Start));
        Assert.Empty(machine.DataLosses);
    }

    [Fact]
    public void The_old_algorithm_splits_every_large_folio()
    {
        using var machine = ArchPgtableMachine.CreateBuilder()
            .WithArch("arm64")
            .WithMm(g => new MmOptions { Thp = ThpPolicy.ForFolioSize(64 * 1024, g.PageSize) })
            .Build();
        machine.Map(Start, Length);
        machine.WriteRange(Start, Length);
        var before = machine.Counters;
        machine.MadviseFree(Start, Length, MadviseFreeAlgorithm.Old);
        Assert.Equal(16, (machine.Counters - before).FolioSplits);
    }

    [Fact]
    public void Fork_shares_pages_copy_on_write_and_munmap_unmaps()
    {
        using var machine = ArchPgtableMachine.Create("generic");
        machine.Map(Start, 4 * machine.Geometry.PageSize);
        var parentVersion = machine.Write(Start);

        var child = machine.Fork();
        Assert.Equal(parentVersion, machine.Read(Start, child));
        Assert.NotEqual(parentVersion, machine.Write(Start, child));
        Assert.Equal(1, machine.Stats.CowCopies);
        Assert.Equal(parentVersion, machine.Read(Start));

        machine.Munmap(Start, 4 * machine.Geometry.PageSize);
        Assert.Throws<SegmentationFaultException>(() => machine.Read(Start));
        Assert.Empty(machine.DataLosses);
    }

    [Fact]
    public void MadviseCold_clears_young()
    {
        using var machine = ArchPgtableMachine.Create("x86_64");
        machine.Map(Start, Length);
        machine.WriteRange(Start, Length);
        Assert.True(machine.Format.Young(machine.PtepGet(Start)));
        machine.MadviseCold(Start, Length);
        Assert.False(machine.Format.Young(machine.PtepGet(Start)));
        Assert.True(machine.Format.Dirty(machine.PtepGet(Start)));
    }
}
