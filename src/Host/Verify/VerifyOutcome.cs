using ArchPgtable.Contracts.Running;

namespace ArchPgtable.Host.Verify;

/// <summary>The results of the contracts on one build.</summary>
/// <param name="Target">The build.</param>
/// <param name="Results">One per property run (or skipped).</param>
internal sealed record VerifyOutcome(VerifyTarget Target, IReadOnlyList<PropertyResult> Results)
{
    /// <summary>True when no property failed.</summary>
    public bool Passed => Results.All(r => r.Passed);

    /// <summary>The command that replays a failed property's counterexample exactly.</summary>
    public string Replay(PropertyResult r) =>
        $"archpgtable verify {Target.ReplayArgs} --helper {r.Helper} --seed {r.Seed} --cases 1 (with the same --config/--set)";
}
