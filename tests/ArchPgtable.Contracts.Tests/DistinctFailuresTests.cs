using ArchPgtable.Contracts.Running;
using ArchPgtable.Testing.KnownBad;

namespace ArchPgtable.Contracts.Tests;

/// <summary>
/// One property, two bugs: the runner reports each kind of failure (first violated check, where the call starts) with its
/// own shrunk counterexample, so the v4 mkold_clean_ptes override shows both of the review's bugs, not only the one whose
/// smallest case happens to come first.
/// </summary>
public class DistinctFailuresTests
{
    private const string Property = "mkold_clean_ptes/contract";
    private const string InBlock = "the call starts in a block";
    private const string OutsideBlocks = "the call starts outside any block";

    [Fact]
    public void V4_override_shows_both_bugs_each_with_its_own_counterexample()
    {
        var result = ContractSuite.Check(KnownBadTests.Bad(nameof(V4MkoldCleanOps)), Property, new ContractOptions { Cases = 1000 });

        Assert.False(result.Passed);
        var all = result.Counterexamples;
        Assert.True(all.Count >= 2, result.ToString());

        // Bug 2: the call starts in a block and a later block in the range keeps its young/dirty (nr ignored).
        var bug2 = Assert.Single(all, c => c.Kind!.EndsWith(InBlock, StringComparison.Ordinal));
        Assert.Contains(bug2.Violations, v => v.Contains("in the range, still reports", StringComparison.Ordinal));
        Assert.InRange(bug2.Blocks, 2, 4);
        Assert.All(bug2.Writes, w => Assert.Contains("CONT", w, StringComparison.Ordinal));

        // Bug 1: the call starts on a non-cont entry and ends inside a block, whose siblings keep young/dirty.
        var bug1 = Assert.Single(all, c => c.Kind!.EndsWith(OutsideBlocks, StringComparison.Ordinal));
        Assert.Contains(bug1.Violations, v => v.Contains("in the range, still reports", StringComparison.Ordinal));
        Assert.Contains(bug1.Entries, e => e.StartsWith("R ", StringComparison.Ordinal) && !e.Contains("CONT", StringComparison.Ordinal));
        Assert.Contains(bug1.Entries, e => e.StartsWith("R ", StringComparison.Ordinal) && e.Contains("CONT", StringComparison.Ordinal));

        // Each counterexample replays on its own token, and the text names every kind.
        Assert.NotEqual(bug1.Seed, bug2.Seed);
        var text = result.ToString();
        Assert.Contains("failure 1 of " + all.Count, text, StringComparison.Ordinal);
        Assert.Contains("seed: " + bug1.Seed, text, StringComparison.Ordinal);
        Assert.Contains("seed: " + bug2.Seed, text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(nameof(V4Bug1Ops), OutsideBlocks)]
    [InlineData(nameof(V4Bug2Ops), InBlock)]
    public void One_bug_gives_one_kind(string plugin, string context)
    {
        var result = ContractSuite.Check(KnownBadTests.Bad(plugin), Property, new ContractOptions { Cases = 1000 });

        var cx = Assert.Single(result.Counterexamples);
        Assert.EndsWith(context, cx.Kind, StringComparison.Ordinal);
        Assert.Empty(result.MoreCounterexamples);
        Assert.DoesNotContain("failure 1 of", result.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Replaying_a_second_kind_gives_that_kind()
    {
        var arch = KnownBadTests.Bad(nameof(V4MkoldCleanOps));
        var result = ContractSuite.Check(arch, Property, new ContractOptions { Cases = 1000 });
        var second = Assert.Single(result.MoreCounterexamples);

        var replay = ContractSuite.Check(arch, Property, new ContractOptions { Seed = second.Seed, Cases = 1 });

        Assert.Equal(second.Kind, replay.Counterexample!.Kind);
        Assert.Equal(second.Call, replay.Counterexample.Call);
    }

    [Fact]
    public void One_kind_allowed_keeps_only_the_smallest_failure()
    {
        var result = ContractSuite.Check(KnownBadTests.Bad(nameof(V4MkoldCleanOps)), Property,
            new ContractOptions { Cases = 1000, MaxDistinctFailures = 1 });

        Assert.False(result.Passed);
        Assert.Single(result.Counterexamples);
    }

    [Fact]
    public void The_real_helpers_still_pass_with_the_same_case_count()
    {
        var options = new ContractOptions { Cases = 300 };
        var result = ContractSuite.Check(Support.Builds.Arm64(Arm64.Arm64Granule.Granule4K), Property, options);

        Assert.True(result.Passed, result.ToString());
        Assert.Empty(result.Counterexamples);
    }
}
