using ArchPgtable.Arm64;
using ArchPgtable.Hardware;
using ArchPgtable.Mm.Operations;
using ArchPgtable.Plugins;
using ArchPgtable.Testing.KnownBad;

namespace ArchPgtable.Mm.Tests;

/// <summary>Fault progress: an access completes within a bounded number of faults, else a fault livelock is recorded.</summary>
public class FaultLivelockTests
{
    private static ArchInstance WithOps(ArchInstance arch, IPageTableOps ops) =>
        arch.WithOps(ops, arch.Description + " (known-bad ptep_set_access_flags)").WithKnownFindings([]);

    /// <summary>
    /// A contpte block made old by MADV_COLD; a HAFDBS CPU reads the block, so hardware sets AF on some entry;
    /// the SMMU without HTTU then reads a page whose own entry is still old. The gathered view is young.
    /// </summary>
    private static (MmSystem Sys, MmStruct Mm, ulong Va) SiblingOnlyYoung(ArchInstance arch)
    {
        var machine = arch.MachineSupportOrDefault.Find("smmu-no-httu")!;
        var (sys, mm) = Machines.Create(arch, 0x10000, folioOrder: 4, machine: machine);
        Machines.WriteAll(sys, mm, Machines.Base, 0x10000);
        Madvise.Cold(mm, Machines.Base, 0x10000);
        sys.Mmu.Access(sys.Agent("cpu1"), mm, Machines.Base, MemoryAccess.Read);
        var table = mm.PageTable.Find(Machines.Base)!;
        var fmt = arch.Format;
        var idx = Enumerable.Range(0, 16).First(i => !fmt.Young(table.Peek(i)));
        Assert.True(fmt.Young(arch.Ops.PtepGet(mm.PageTable.PtePointer(Machines.Base))), "the gathered view must be young");
        return (sys, mm, Machines.Base + ((ulong)idx << arch.Geometry.PageShift));
    }

    [Fact]
    public void A_sibling_only_ptep_set_access_flags_livelocks_the_smmu_and_is_recorded()
    {
        var arch = WithOps(Machines.Build("arm64-4k"), new GatheredNoopAccessFlagsOps(Arm64Granule.Granule4K));
        var (sys, mm, va) = SiblingOnlyYoung(arch);

        var result = sys.Mmu.Access(sys.Agent("smmu0"), mm, va, MemoryAccess.Read);

        Assert.Equal(-1, result);
        var livelock = Assert.Single(sys.Livelocks);
        Assert.Equal("smmu0", livelock.Agent);
        Assert.Equal(va, livelock.Address);
        Assert.Equal(MmuFaultKind.AccessFlag, livelock.LastFault);
        Assert.Equal(16, livelock.BlockEntries.Count);
        Assert.Contains(livelock.HandlerCalls, c => c.StartsWith("ptep_set_access_flags(", StringComparison.Ordinal) && c.EndsWith("= 0", StringComparison.Ordinal));
        Assert.Contains(livelock.HandlerCalls, c => c.StartsWith("ptep_get(", StringComparison.Ordinal));
        Assert.Contains("fault livelock: smmu0 read of 0x", livelock.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Mainline_contpte_ptep_set_access_flags_lets_the_smmu_make_progress()
    {
        var arch = Machines.Build("arm64-4k");
        var (sys, mm, va) = SiblingOnlyYoung(arch);

        Assert.True(sys.Mmu.Access(sys.Agent("smmu0"), mm, va, MemoryAccess.Read) >= 0);
        Assert.Empty(sys.Livelocks);
    }

    [Fact]
    public void A_write_from_the_smmu_after_a_cpu_dirtied_a_sibling_makes_progress_on_mainline_and_livelocks_with_the_known_bad_helper()
    {
        foreach (var (arch, livelock) in new[]
        {
            (Machines.Build("arm64-4k"), false),
            (WithOps(Machines.Build("arm64-4k"), new GatheredNoopAccessFlagsOps(Arm64Granule.Granule4K)), true),
        })
        {
            var machine = arch.MachineSupportOrDefault.Find("smmu-no-httu")!;
            var (sys, mm) = Machines.Create(arch, 0x10000, folioOrder: 4, machine: machine, seed: 3);
            Machines.WriteAll(sys, mm, Machines.Base, 0x10000);
            Madvise.Free(mm, Machines.Base, 0x10000, MadviseFreeAlgorithm.New);
            sys.Mmu.Access(sys.Agent("cpu2"), mm, Machines.Base, MemoryAccess.Write);
            for (var va = Machines.Base; va < Machines.Base + 0x10000; va += 0x1000)
            {
                sys.Mmu.Access(sys.Agent("smmu0"), mm, va, MemoryAccess.Write);
            }

            Assert.Equal(livelock, sys.Livelocks.Count > 0);
            Assert.Empty(sys.Oracle!.Losses);
        }
    }
}
