using ArchPgtable.Arm64;
using ArchPgtable.Contracts.Running;
using ArchPgtable.Contracts.Tests.KnownBad;
using ArchPgtable.Contracts.Tests.Support;
using ArchPgtable.Plugins;

namespace ArchPgtable.Contracts.Tests;

/// <summary>The PTE-format identities and the arch invariants catch what they are for.</summary>
public class KnownBadFormatAndInvariantTests
{
    [Fact]
    public void A_wrprotect_that_drops_hardware_dirty_fails_the_format_identities()
    {
        var real = Builds.Arm64(Arm64Granule.Granule4K);
        var arch = new ArchInstance
        {
            Arch = real.Arch,
            Config = real.Config,
            Geometry = real.Geometry,
            Format = new DirtyLosingFormat(Arm64Granule.Granule4K),
            Ops = real.Ops,
            Hardware = real.Hardware,
            Invariants = real.Invariants,
        };

        var result = ContractSuite.Check(arch, "pte_format/identities", new ContractOptions { Cases = 500 });

        Assert.False(result.Passed);
        Assert.Contains(result.Counterexample!.Violations, v => v.Contains("pte_wrprotect", StringComparison.Ordinal));
    }

    [Fact]
    public void Set_ptes_that_misprograms_cont_blocks_breaks_the_arch_invariants_while_building_states()
    {
        var arch = Builds.WithOps(Builds.Arm64(Arm64Granule.Granule4K), new MisprogrammingSetPtesOps(Arm64Granule.Granule4K));

        var result = ContractSuite.Check(arch, "arch/invariants", new ContractOptions { Cases = 1000 });

        Assert.False(result.Passed);
        var cx = result.Counterexample!;
        Assert.Contains(cx.Violations, v => v.Contains("arch invariant broken", StringComparison.Ordinal) && v.Contains("set_ptes(", StringComparison.Ordinal));
        Assert.InRange(cx.Blocks, 1, 2);
    }

    [Fact]
    public void The_generic_arch_declares_no_invariants_and_arm64_does()
    {
        Assert.Null(Builds.Generic().Invariants);
        Assert.NotNull(Builds.Arm64(Arm64Granule.Granule64K, contPte: false).Invariants);
    }
}
