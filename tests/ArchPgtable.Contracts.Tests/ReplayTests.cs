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

    [Theory]
    [InlineData(ContractOptions.DefaultRunSeed)]
    [InlineData(7UL)]
    [InlineData(ulong.MaxValue)]
    public void Two_runs_with_one_run_seed_give_identical_results(ulong runSeed)
    {
        var arch = KnownBadTests.Bad("V4MkoldCleanOps");
        var options = new ContractOptions { RunSeed = runSeed, Cases = 300, Helper = "mkold_clean_ptes" };

        var first = ContractSuite.Verify(arch, options);
        var second = ContractSuite.Verify(arch, options);

        Assert.Equal(first.Select(Text), second.Select(Text));
        Assert.Contains(first, r => !r.Passed);
    }

    [Fact]
    public void Different_run_seeds_draw_different_cases()
    {
        var arch = Support.Builds.Generic();
        var a = ContractSuite.Check(arch, "wrprotect_ptes/contract", new ContractOptions { RunSeed = 1, Cases = 5 });
        var b = ContractSuite.Check(arch, "wrprotect_ptes/contract", new ContractOptions { RunSeed = 2, Cases = 5 });

        Assert.NotEqual(a.Seed, b.Seed);
    }

    [Fact]
    public void A_passing_property_reports_a_token_that_replays_its_whole_run()
    {
        var arch = KnownBadTests.Bad("V4MkoldCleanOps");
        var run = ContractSuite.Check(arch, "mkold_clean_ptes/contract", new ContractOptions { RunSeed = 11, Cases = 300 });
        var start = ContractSuite.Check(arch, "mkold_clean_ptes/contract", new ContractOptions { RunSeed = 11, Cases = 1 });

        var replay = ContractSuite.Check(arch, "mkold_clean_ptes/contract", new ContractOptions { Seed = start.Seed, Cases = 300 });

        Assert.Equal(Text(run), Text(replay));
    }

    private static string Text(PropertyResult r) => $"{r.Status} {r.Cases} {r.Seed}\n{r.Counterexample}";
}
