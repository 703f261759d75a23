using ArchPgtable.Arm64;
using ArchPgtable.Contracts.Running;
using ArchPgtable.Contracts.Tests.KnownBad;
using ArchPgtable.Contracts.Tests.Support;
using ArchPgtable.Testing.KnownBad;

namespace ArchPgtable.Contracts.Tests;

/// <summary>
/// Every known-bad plugin is caught by the property aimed at its bug, with a shrunk counterexample
/// of at most a few (≤ 4; almost always 1–2) blocks, while the real arm64 helpers pass the same property.
/// </summary>
public class KnownBadTests
{
    private const int Cases = 3000;

    public static TheoryData<string, string> Cases_()
    {
        return new TheoryData<string, string>
        {
            { nameof(V4MkoldCleanOps), "mkold_clean_ptes/contract" },
            { nameof(V4MkoldCleanOps), "mkold_clean_ptes/equals-clear_young_dirty_ptes" },
            { nameof(V4Bug1Ops), "mkold_clean_ptes/contract" },
            { nameof(V4Bug2Ops), "mkold_clean_ptes/contract" },
            { nameof(RmwWrprotectOps), "wrprotect_ptes/race" },
            { nameof(OnePastCydpOps), "clear_young_dirty_ptes/contract" },
            { nameof(NonGatheringPtepGetOps), "ptep_get/reports-hardware-ad" },
        };
    }

    [Theory]
    [MemberData(nameof(Cases_))]
    public void Known_bad_plugin_is_caught_with_a_small_counterexample(string plugin, string property)
    {
        var result = ContractSuite.Check(Bad(plugin), property, new ContractOptions { Cases = Cases });

        Assert.False(result.Passed, $"{plugin} was not caught by {property} in {result.Cases} cases");
        var cx = Assert.IsType<Counterexample>(result.Counterexample);
        Assert.NotEmpty(cx.Violations);
        Assert.InRange(cx.Blocks, 1, 4);
        Assert.False(string.IsNullOrEmpty(cx.Seed));
        Assert.Contains("seed: " + cx.Seed, result.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Cases_))]
    public void The_real_arm64_helpers_pass_the_same_property(string plugin, string property)
    {
        _ = plugin;
        var result = ContractSuite.Check(Builds.Arm64(Arm64Granule.Granule4K), property, new ContractOptions { Cases = 1000 });
        Assert.True(result.Passed, result.ToString());
    }

    [Fact]
    public void V4_bug_1_counterexample_starts_outside_a_block_and_ends_inside_one()
    {
        var cx = Caught(nameof(V4Bug1Ops), "mkold_clean_ptes/contract");

        Assert.Contains(cx.Entries, e => e.StartsWith("R ", StringComparison.Ordinal) && !e.Contains("CONT", StringComparison.Ordinal));
        Assert.Contains(cx.Entries, e => e.StartsWith("R ", StringComparison.Ordinal) && e.Contains("CONT", StringComparison.Ordinal));
        Assert.Contains(cx.Violations, v => v.Contains("in the range, still reports", StringComparison.Ordinal));
    }

    [Fact]
    public void V4_bug_2_counterexample_spans_more_than_one_block_and_only_the_first_is_cleaned()
    {
        var cx = Caught(nameof(V4Bug2Ops), "mkold_clean_ptes/contract");

        Assert.InRange(cx.Blocks, 2, 4);
        Assert.Contains(cx.Violations, v => v.Contains("in the range, still reports", StringComparison.Ordinal));
        Assert.All(cx.Writes, w => Assert.Contains("CONT", w, StringComparison.Ordinal));
    }

    [Fact]
    public void Rmw_wrprotect_loses_a_concurrent_hardware_update()
    {
        var cx = Caught(nameof(RmwWrprotectOps), "wrprotect_ptes/race");

        Assert.NotNull(cx.Race);
        Assert.Contains(cx.Violations, v => v.Contains("lost the", StringComparison.Ordinal));
    }

    [Fact]
    public void Rmw_wrprotect_keeps_the_single_threaded_contract()
    {
        var result = ContractSuite.Check(Bad(nameof(RmwWrprotectOps)), "wrprotect_ptes/contract", new ContractOptions { Cases = 500 });
        Assert.True(result.Passed, result.ToString());
    }

    [Fact]
    public void One_past_cydp_writes_outside_the_window()
    {
        var cx = Caught(nameof(OnePastCydpOps), "clear_young_dirty_ptes/contract");
        Assert.Contains(cx.Violations, v => v.Contains("outside the range", StringComparison.Ordinal));
    }

    internal static Plugins.ArchInstance Bad(string plugin)
    {
        var g = Arm64Granule.Granule4K;
        IPageTableOps ops = plugin switch
        {
            nameof(V4MkoldCleanOps) => new V4MkoldCleanOps(g),
            nameof(V4Bug1Ops) => new V4Bug1Ops(g),
            nameof(V4Bug2Ops) => new V4Bug2Ops(g),
            nameof(RmwWrprotectOps) => new RmwWrprotectOps(g),
            nameof(OnePastCydpOps) => new OnePastCydpOps(g),
            nameof(NonGatheringPtepGetOps) => new NonGatheringPtepGetOps(g),
            _ => throw new ArgumentOutOfRangeException(nameof(plugin), plugin, null),
        };
        return Builds.WithOps(Builds.Arm64(g), ops);
    }

    private static Counterexample Caught(string plugin, string property)
    {
        var result = ContractSuite.Check(Bad(plugin), property, new ContractOptions { Cases = Cases });
        Assert.False(result.Passed, $"{plugin} was not caught by {property}");
        return result.Counterexample!;
    }
}
