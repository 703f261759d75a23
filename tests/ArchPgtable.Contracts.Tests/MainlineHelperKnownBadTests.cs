using ArchPgtable.Arm64;
using ArchPgtable.Contracts.Properties;
using ArchPgtable.Contracts.Running;
using ArchPgtable.Contracts.Tests.KnownBad;
using ArchPgtable.Contracts.Tests.Support;
using ArchPgtable.Testing.KnownBad;

namespace ArchPgtable.Contracts.Tests;

/// <summary>
/// A known-bad variant of each mainline helper family (batched aging, the protection-change transaction,
/// folio_pte_batch_flags()) is caught by the property aimed at it with a shrunk counterexample, while the real
/// helpers pass the same property.
/// </summary>
public class MainlineHelperKnownBadTests
{
    private const int Cases = 3000;

    public static TheoryData<string, string, string> Cases_() => new()
    {
        { nameof(FirstOnlyYoungPtesOps), "test_and_clear_young_ptes/contract", "still reports young" },
        { nameof(FirstOnlyYoungPtesOps), "clear_flush_young_ptes/contract", "still reports young" },
        { nameof(RmwYoungPtesOps), "test_and_clear_young_ptes/race", "lost the" },
        { nameof(DirtyDroppingCommitOps), "modify_prot_commit_ptes/contract", "does not report the committed" },
        { nameof(DirtyDroppingCommitOps), "ptep_modify_prot_commit/contract", "does not report the committed" },
    };

    [Theory]
    [MemberData(nameof(Cases_))]
    public void Known_bad_helper_is_caught_with_a_small_counterexample(string plugin, string property, string violation)
    {
        var result = ContractSuite.Check(Bad(plugin), property, new ContractOptions { Cases = Cases });

        Assert.False(result.Passed, $"{plugin} was not caught by {property} in {result.Cases} cases");
        var cx = Assert.IsType<Counterexample>(result.Counterexample);
        Assert.Contains(cx.Violations, v => v.Contains(violation, StringComparison.Ordinal));
        Assert.InRange(cx.Blocks, 1, 4);
        Assert.Contains("seed: " + cx.Seed, result.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Cases_))]
    public void The_real_arm64_helpers_pass_the_same_property(string plugin, string property, string violation)
    {
        _ = (plugin, violation);
        var result = ContractSuite.Check(Builds.Arm64(Arm64Granule.Granule4K), property, new ContractOptions { Cases = 1000 });
        Assert.True(result.Passed, result.ToString());
    }

    [Fact]
    public void A_folio_pte_batch_that_ignores_FPB_RESPECT_SOFT_DIRTY_is_caught_on_x86()
    {
        var property = new FolioPteBatchProperty(SoftDirtyBlindFolioPteBatch.BatchFlags);
        var result = ContractSuite.Check(X86Builds.Build(shadowStack: true), property, new ContractOptions { Cases = Cases });

        Assert.False(result.Passed, $"the soft-dirty-blind folio_pte_batch_flags was not caught in {result.Cases} cases");
        var cx = Assert.IsType<Counterexample>(result.Counterexample);
        Assert.Contains(cx.Violations, v => v.Contains("the oracle says", StringComparison.Ordinal));
        Assert.Contains("RespectSoftDirty", cx.Call, StringComparison.Ordinal);
        Assert.Contains(cx.Entries, e => e.Contains("soft-dirty", StringComparison.Ordinal));
    }

    [Fact]
    public void The_real_folio_pte_batch_passes_on_x86()
    {
        var result = ContractSuite.Check(X86Builds.Build(shadowStack: true), new FolioPteBatchProperty(), new ContractOptions { Cases = 1000 });
        Assert.True(result.Passed, result.ToString());
    }

    private static Plugins.ArchInstance Bad(string plugin)
    {
        var g = Arm64Granule.Granule4K;
        IPageTableOps ops = plugin switch
        {
            nameof(FirstOnlyYoungPtesOps) => new FirstOnlyYoungPtesOps(g),
            nameof(RmwYoungPtesOps) => new RmwYoungPtesOps(g),
            nameof(DirtyDroppingCommitOps) => new DirtyDroppingCommitOps(g),
            _ => throw new ArgumentOutOfRangeException(nameof(plugin), plugin, null),
        };
        return Builds.WithOps(Builds.Arm64(g), ops);
    }
}
