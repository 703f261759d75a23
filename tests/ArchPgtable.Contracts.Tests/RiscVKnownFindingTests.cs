using ArchPgtable.Contracts.Running;
using ArchPgtable.Contracts.Tests.Fixed;
using ArchPgtable.Contracts.Tests.Support;
using ArchPgtable.Plugins;

namespace ArchPgtable.Contracts.Tests;

/// <summary>
/// riscv64's declared known finding: with Svadu, upstream ptep_set_access_flags() stores the
/// caller's entry and loses a dirty bit the hart sets meanwhile. The suite must still find it
/// (XFAIL, with a counterexample), a cmpxchg version must pass, and a strict run must fail.
/// </summary>
public sealed class RiscVKnownFindingTests
{
    private const string Race = "ptep_set_access_flags/race";

    [Fact]
    public void Svadu_declares_the_set_access_flags_race_and_Svade_declares_nothing()
    {
        Assert.Equal([Race], RiscVBuilds.Build(svadu: true, svnapot: false).KnownFindings.Select(f => f.Property));
        Assert.Equal([Race], RiscVBuilds.Build(svadu: true, svnapot: true).KnownFindings.Select(f => f.Property));
        Assert.Empty(RiscVBuilds.Build(svadu: false, svnapot: true).KnownFindings);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void The_suite_reproduces_the_lost_dirty_as_an_expected_failure(bool svnapot)
    {
        var arch = RiscVBuilds.Build(svadu: true, svnapot);
        var result = ContractSuite.Check(arch, Race, new ContractOptions { Cases = 4000 });

        Assert.Equal(PropertyStatus.ExpectedFailure, result.Status);
        Assert.False(result.IsFailure());
        Assert.True(result.IsFailure(strict: true));
        var counterexample = Assert.IsType<Counterexample>(result.Counterexample);
        Assert.Contains(counterexample.Violations, v => v.Contains("lost the dirty state", StringComparison.Ordinal));
        Assert.Contains("ptep_set_access_flags(", counterexample.Call, StringComparison.Ordinal);
        Assert.StartsWith("XFAIL " + Race, result.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_replay_seed_of_an_expected_failure_replays_it()
    {
        var arch = RiscVBuilds.Build(svadu: true, svnapot: false);
        var first = ContractSuite.Check(arch, Race, new ContractOptions { Cases = 4000 });
        var replay = ContractSuite.Check(arch, Race, new ContractOptions { Cases = 1, Seed = first.Seed });

        Assert.Equal(PropertyStatus.ExpectedFailure, replay.Status);
        Assert.Equal(first.Counterexample!.Call, replay.Counterexample!.Call);
    }

    [Fact]
    public void A_cmpxchg_ptep_set_access_flags_passes_the_race_property()
    {
        var arch = Builds.WithOps(RiscVBuilds.Build(svadu: true, svnapot: false), new RiscVCmpxchgSetAccessFlagsOps());
        var options = new ContractOptions { Cases = 4000 };

        var race = ContractSuite.Check(arch, Race, options);
        var contract = ContractSuite.Check(arch, "ptep_set_access_flags/contract", options);

        Assert.Equal(PropertyStatus.Pass, race.Status);
        Assert.Equal(PropertyStatus.Pass, contract.Status);
    }

    [Fact]
    public void A_known_finding_naming_no_property_is_rejected_by_name()
    {
        var arch = Builds.WithKnownFindings(RiscVBuilds.Build(svadu: true, svnapot: false),
            new KnownFinding("ptep_set_access_flag/race", "typo", "nowhere"));

        var e = Assert.Throws<ArgumentException>(() => ContractSuite.Check(arch, Race));
        Assert.Contains("'ptep_set_access_flag/race'", e.Message, StringComparison.Ordinal);
        Assert.Contains("not a contract property", e.Message, StringComparison.Ordinal);
    }
}
