using ArchPgtable.Contracts.Running;

namespace ArchPgtable.Contracts.Tests;

/// <summary>A counterexample's seed replays it exactly; a fixed seed makes a run reproducible.</summary>
public class ReplayTests
{
    [Theory]
    [InlineData("V4MkoldCleanOps", "mkold_clean_ptes/contract")]
    [InlineData("RmwWrprotectOps", "wrprotect_ptes/race")]
    public void Seed_with_one_case_replays_the_same_counterexample(string plugin, string property)
    {
        var arch = KnownBadTests.Bad(plugin);
        var first = ContractSuite.Check(arch, property, new ContractOptions { Cases = 2000 });
        Assert.False(first.Passed);

        var replay = ContractSuite.Check(arch, property, new ContractOptions { Seed = first.Seed, Cases = 1 });

        Assert.False(replay.Passed);
        Assert.Equal(1, replay.Cases);
        Assert.Equal(first.Counterexample!.ToString(), replay.Counterexample!.ToString());
    }

    [Fact]
    public void A_passing_run_reports_the_seed_it_started_from()
    {
        var arch = Support.Builds.Generic();
        var seeded = ContractSuite.Check(arch, "wrprotect_ptes/contract", new ContractOptions { Seed = "0000000000001", Cases = 5 });
        Assert.True(seeded.Passed, seeded.ToString());
        Assert.Equal("0000000000001", seeded.Seed);
    }
}
