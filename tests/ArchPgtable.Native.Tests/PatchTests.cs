using ArchPgtable.Arm64;
using ArchPgtable.Arm64.Tests.Support;
using ArchPgtable.Contracts.Running;

namespace ArchPgtable.Native.Tests;

/// <summary>
/// <c>--patch</c>: the lazyfree v4 <c>mkold_clean_ptes()</c> logic written as a C patch against 6.12's
/// <c>clear_young_dirty_ptes()</c> (TestData/mkold-clean-v4.patch) is caught, with both bugs' symptoms.
/// </summary>
public sealed class PatchTests
{
    private static readonly string V4 = NativeTree.TestData("mkold-clean-v4.patch");

    [Fact]
    public void The_contract_suite_fails_the_patched_helper_with_a_shrunk_counterexample()
    {
        var arch = NativeTree.Native(Arm64Granule.Granule4K, V4);
        var result = ContractSuite.Check(arch, "clear_young_dirty_ptes/contract", new ContractOptions { Cases = 200 });
        Assert.True(result.IsFailure(), result.ToString());
        Assert.Contains("still reports", result.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("clear_young_dirty_ptes/contract")]
    [InlineData("mkold_clean_ptes/contract")]
    public void One_run_shows_both_bugs_each_with_its_own_shrunk_counterexample(string property)
    {
        var arch = NativeTree.Native(Arm64Granule.Granule4K, V4);
        var result = ContractSuite.Check(arch, property, new ContractOptions { Cases = 200 });

        Assert.True(result.IsFailure(), result.ToString());
        var all = result.Counterexamples;

        // Bug 2: a call starting in a block cleans that block only; a later block of the range keeps young/dirty.
        var bug2 = Assert.Single(all, c => c.Kind!.EndsWith("the call starts in a block", StringComparison.Ordinal));
        Assert.Contains(bug2.Violations, v => v.Contains("in the range, still reports", StringComparison.Ordinal));
        Assert.InRange(bug2.Blocks, 2, 4);
        Assert.All(bug2.Writes, w => Assert.Contains("CONT", w, StringComparison.Ordinal));

        // Bug 1: a call starting on a non-cont entry is cleaned raw, so the block it ends in still reports young/dirty.
        var bug1 = Assert.Single(all, c => c.Kind!.EndsWith("the call starts outside any block", StringComparison.Ordinal));
        Assert.Contains(bug1.Violations, v => v.Contains("in the range, still reports", StringComparison.Ordinal));
        Assert.Contains(bug1.Entries, e => e.StartsWith("R ", StringComparison.Ordinal) && !e.Contains("CONT", StringComparison.Ordinal));
        Assert.Contains(bug1.Entries, e => e.StartsWith("R ", StringComparison.Ordinal) && e.Contains("CONT", StringComparison.Ordinal));
        Assert.True(bug1.Shrinks > 0 && bug2.Shrinks > 0, result.ToString());
    }

    [Fact]
    public void The_unpatched_helper_passes_the_same_run()
    {
        var arch = NativeTree.Native(Arm64Granule.Granule4K);
        var result = ContractSuite.Check(arch, "clear_young_dirty_ptes/contract", new ContractOptions { Cases = 200 });
        Assert.False(result.IsFailure(), result.ToString());
    }

    [Fact]
    public void Bug_1_a_range_starting_non_contiguous_is_cleaned_raw_and_ptep_get_still_reports_dirty()
    {
        var arch = NativeTree.Native(Arm64Granule.Granule4K, V4);
        var w = new World(Arm64Granule.Granule4K, _ => arch.Ops);
        var c = w.C;
        var f = CydpScenarios.FolioIndex(w);
        var report = CydpScenarioCheck.Run(w, CydpScenario.A, CydpHelper.MkoldClean);
        Assert.Equal(new[] { f + c, f + c + 1, f + c + 2, f + c + 3 }, report.StillYoungOrDirty);
    }

    [Fact]
    public void Bug_2_a_range_starting_contiguous_is_cleaned_one_block_only()
    {
        var arch = NativeTree.Native(Arm64Granule.Granule4K, V4);
        var w = new World(Arm64Granule.Granule4K, _ => arch.Ops);
        var c = w.C;
        var f = CydpScenarios.FolioIndex(w);
        var report = CydpScenarioCheck.Run(w, CydpScenario.C, CydpHelper.MkoldClean);
        Assert.Equal(Enumerable.Range(f + c, 2 * c), report.StillYoungOrDirty);
    }

    [Theory]
    [InlineData(CydpScenario.A)]
    [InlineData(CydpScenario.C)]
    [InlineData(CydpScenario.D)]
    public void The_unpatched_helper_passes_the_review_scenarios(CydpScenario scenario)
    {
        var arch = NativeTree.Native(Arm64Granule.Granule4K);
        var report = CydpScenarioCheck.Run(new World(Arm64Granule.Granule4K, _ => arch.Ops), scenario, CydpHelper.MkoldClean);
        Assert.True(report.Violations.Count == 0, report.ToString());
    }

    [Fact]
    public void Race_injection_reaches_the_C_code_a_non_atomic_young_clear_loses_a_hardware_dirty_bit()
    {
        var arch = NativeTree.Native(Arm64Granule.Granule4K, NativeTree.TestData("young-not-atomic.patch"));
        var result = ContractSuite.Check(arch, "ptep_test_and_clear_young/race", new ContractOptions { Cases = 300 });
        Assert.True(result.IsFailure(), result.ToString());
        var text = result.Counterexample!.ToString();
        Assert.Contains("lost the dirty state a concurrent hardware store set", text, StringComparison.Ordinal);
        Assert.False(ContractSuite.Check(NativeTree.Native(), "ptep_test_and_clear_young/race", new ContractOptions { Cases = 300 }).IsFailure());
    }
}
