using ArchPgtable.Arm64;
using ArchPgtable.Contracts.Running;
using ArchPgtable.Contracts.Tests.Support;

namespace ArchPgtable.Contracts.Tests;

/// <summary>
/// Where the race properties apply: only when the hardware sets A/D itself, and by default only to
/// helpers the arch provides. The pgtable.h defaults are not atomic against hardware A/D — forced
/// onto them, the race property finds exactly the loss the kernel documents.
/// </summary>
public class RaceScopeTests
{
    [Fact]
    public void Without_hardware_access_flag_management_races_are_skipped()
    {
        var result = ContractSuite.Check(Builds.Arm64(Arm64Granule.Granule4K, hafdbs: false), "wrprotect_ptes/race");

        Assert.True(result.Skipped);
        Assert.Contains("does not set access/dirty", result.SkipReason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pgtable_default_is_skipped_unless_forced()
    {
        var result = ContractSuite.Check(Builds.Generic(), "ptep_test_and_clear_young/race");

        Assert.True(result.Skipped);
        Assert.Contains("pgtable.h default", result.SkipReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Forced_onto_the_generic_default_the_race_property_finds_the_documented_loss()
    {
        var result = ContractSuite.Check(Builds.Generic(), "ptep_test_and_clear_young/race",
            new ContractOptions { Cases = 3000, RaceOnDefaults = true });

        Assert.False(result.Passed, "generic ptep_test_and_clear_young is read + set_pte_at: a concurrent hardware dirty must be lost");
        Assert.Contains(result.Counterexample!.Violations, v => v.Contains("lost the dirty", StringComparison.Ordinal));
    }

    [Fact]
    public void Arch_overrides_are_race_checked_and_pass()
    {
        var result = ContractSuite.Check(Builds.Arm64(Arm64Granule.Granule4K), "clear_young_dirty_ptes/race", new ContractOptions { Cases = 500 });

        Assert.False(result.Skipped);
        Assert.True(result.Passed, result.ToString());
    }
}
