using ArchPgtable.Contracts.Running;

namespace ArchPgtable.Contracts.Tests;

/// <summary>
/// The mainline batch helpers that x86_64 and upstream riscv64 leave to pgtable.h are loops over those arches' own
/// single-entry helpers (atomic young clear, xchg get-and-clear). Forced onto them, the race properties the suite skips
/// for defaults hold: no concurrent hardware young/dirty update is lost.
/// </summary>
public class MainlineRaceOnDefaultsTests
{
    public static TheoryData<string, string> Cases() => new()
    {
        { "x86_64", "test_and_clear_young_ptes/race" },
        { "x86_64", "clear_flush_young_ptes/race" },
        { "x86_64", "modify_prot_start_ptes/race" },
        { "x86_64", "get_and_clear_ptes/race" },
        { "riscv64", "test_and_clear_young_ptes/race" },
        { "riscv64", "modify_prot_start_ptes/race" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_default_over_atomic_single_entry_helpers_loses_no_hardware_update(string arch, string property)
    {
        var build = arch == "x86_64" ? X86Builds.Build(shadowStack: true) : RiscVBuilds.Build(svadu: true, svnapot: false);
        var result = ContractSuite.Check(build, property, new ContractOptions { Cases = 500, RaceOnDefaults = true });

        Assert.Equal(PropertyStatus.Pass, result.Status);
        Assert.True(result.Passed, result.ToString());
    }
}
