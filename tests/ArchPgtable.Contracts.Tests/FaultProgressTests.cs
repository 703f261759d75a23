using ArchPgtable.Arm64;
using ArchPgtable.Contracts.Running;
using ArchPgtable.Contracts.Tests.Support;
using ArchPgtable.Testing.KnownBad;

namespace ArchPgtable.Contracts.Tests;

/// <summary><c>ptep_set_access_flags/fault-progress</c>: a helper that leaves a sibling-only update is caught on a per-entry walker; mainline's helper passes.</summary>
public class FaultProgressTests
{
    private const string Property = "ptep_set_access_flags/fault-progress";

    [Theory]
    [InlineData("smmu-no-httu")]
    [InlineData("mixed-dbm")]
    public void The_sibling_only_helper_is_caught_with_a_small_counterexample_naming_the_agent(string preset)
    {
        var arch = Builds.WithOps(Builds.Arm64(Arm64Granule.Granule4K), new GatheredNoopAccessFlagsOps(Arm64Granule.Granule4K));
        var machine = arch.MachineSupportOrDefault.Find(preset);

        var result = ContractSuite.Check(arch, Property, new ContractOptions { Cases = 3000, Machine = machine });

        Assert.False(result.Passed, $"not caught in {result.Cases} cases");
        var cx = Assert.IsType<Counterexample>(result.Counterexample);
        Assert.InRange(cx.Blocks, 1, 4);
        Assert.Contains(cx.Violations, v => v.Contains("fault again", StringComparison.Ordinal));
        Assert.Contains("[agent ", result.ToString(), StringComparison.Ordinal);
        Assert.Contains("returned 0", result.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("smmu-no-httu")]
    [InlineData("no-dbm")]
    [InlineData("mixed-dbm")]
    public void Mainline_contpte_ptep_set_access_flags_passes(string preset)
    {
        var arch = Builds.Arm64(Arm64Granule.Granule4K);

        var result = ContractSuite.Check(arch, Property, new ContractOptions { Cases = 3000, Machine = arch.MachineSupportOrDefault.Find(preset) });

        Assert.True(result.Passed, result.ToString());
    }
}
