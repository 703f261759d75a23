using ArchPgtable.Arm64;
using ArchPgtable.Contracts.Running;
using ArchPgtable.Contracts.Tests.Support;
using ArchPgtable.Testing.KnownBad;

namespace ArchPgtable.Contracts.Tests;

/// <summary><c>ptep_get_lockless/race</c>: a reader that gathers without a consistency check is caught; the real readers are linearizable.</summary>
public class LocklessRaceTests
{
    private const string Property = "ptep_get_lockless/race";

    [Fact]
    public void A_reader_that_gathers_without_a_consistency_check_is_caught_with_a_small_counterexample()
    {
        var arch = Builds.WithOps(Builds.Arm64(Arm64Granule.Granule4K), new UncheckedLocklessOps(Arm64Granule.Granule4K));

        var result = ContractSuite.Check(arch, Property, new ContractOptions { Cases = 2000 });

        Assert.False(result.Passed, $"not caught in {result.Cases} cases");
        var cx = Assert.IsType<Counterexample>(result.Counterexample);
        Assert.InRange(cx.Blocks, 1, 4);
        Assert.Contains(cx.Violations, v => v.Contains("is ptep_get() of no state", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(Arm64Granule.Granule4K)]
    [InlineData(Arm64Granule.Granule64K)]
    public void Contpte_ptep_get_lockless_is_linearizable(Arm64Granule granule)
    {
        var result = ContractSuite.Check(Builds.Arm64(granule), Property, new ContractOptions { Cases = 1000 });

        Assert.True(result.Passed, result.ToString());
    }
}
