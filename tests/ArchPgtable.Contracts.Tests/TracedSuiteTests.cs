using ArchPgtable.Arm64;
using ArchPgtable.Contracts.Running;
using ArchPgtable.Mm.Tracing;

namespace ArchPgtable.Contracts.Tests;

/// <summary>Tracing a build (<see cref="TraceRecorder.Instrument(ArchPgtable.Plugins.ArchInstance)"/>) records its helper calls and changes no verdict:
/// the race properties still see the helpers as overridden or default, injection still works, and a known-bad
/// override still fails with the same counterexample.</summary>
public class TracedSuiteTests
{
    private static readonly ContractOptions Options = new() { Seed = "0000000000001", Cases = 30 };

    [Fact]
    public void Every_property_has_the_same_outcome_traced_and_untraced()
    {
        var arch = Support.Builds.Arm64(Arm64Granule.Granule4K);
        var recorder = new TraceRecorder(1000);
        var plain = ContractSuite.Verify(arch, Options);
        var traced = ContractSuite.Verify(recorder.Instrument(arch), Options);

        Assert.Equal(plain.Select(r => (r.Name, r.Status, r.Cases, r.SkipReason)), traced.Select(r => (r.Name, r.Status, r.Cases, r.SkipReason)));
        Assert.True(recorder.Truncated);
        Assert.Contains(recorder.Events, e => e.Name == "set_ptes" && e.Phase == TracePhase.Begin);
    }

    [Fact]
    public void The_v4_override_fails_the_same_way_when_traced()
    {
        var arch = KnownBadTests.Bad("V4MkoldCleanOps");
        var plain = ContractSuite.Check(arch, "mkold_clean_ptes/contract", new ContractOptions { Seed = "0000000000001", Cases = 1500 });

        // Only a failing case's seed replays exactly (with one case): replay it on the traced build.
        var replay = new ContractOptions { Seed = plain.Seed, Cases = 1 };
        var traced = ContractSuite.Check(new TraceRecorder(100).Instrument(arch), "mkold_clean_ptes/contract", replay);

        Assert.False(plain.Passed);
        Assert.Equal(plain.Counterexample!.ToString(), traced.Counterexample!.ToString());
        Assert.NotNull(traced.Counterexample.Table);
        Assert.Equal(traced.Counterexample.Table.Before.Count, traced.Counterexample.Table.After.Count);
    }
}
