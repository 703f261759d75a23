using ArchPgtable.Contracts.Running;

namespace ArchPgtable.Host.Verify;

/// <summary>The results of the contracts on one build.</summary>
/// <param name="Target">The build.</param>
/// <param name="Results">One per property run (or skipped).</param>
/// <param name="Strict">Count expected failures (declared known findings) as failures.</param>
internal sealed record VerifyOutcome(VerifyTarget Target, IReadOnlyList<PropertyResult> Results, bool Strict = false)
{
    /// <summary>True when no property failed (with <see cref="Strict"/>, no expected failure either).</summary>
    public bool Passed => !Results.Any(r => r.IsFailure(Strict));

    /// <summary>How many results have <paramref name="status"/>.</summary>
    public int Count(PropertyStatus status) => Results.Count(r => r.Status == status);

    /// <summary>One summary clause, e.g. <c>30 held, 0 failed, 1 XFAIL, 0 XPASS, 2 skipped</c> (the X counts only when the build declares known findings).</summary>
    public string Tally()
    {
        var xfail = Count(PropertyStatus.ExpectedFailure);
        var xpass = Count(PropertyStatus.UnexpectedPass);
        var known = xfail + xpass == 0 ? "" : $", {xfail} XFAIL{(Strict ? " (failing: --strict)" : "")}, {xpass} XPASS";
        return $"{Count(PropertyStatus.Pass)} held, {Count(PropertyStatus.Fail)} failed{known}, {Count(PropertyStatus.Skip)} skipped";
    }

    /// <summary>The command that replays a failed property's counterexample exactly.</summary>
    public string Replay(PropertyResult r) =>
        $"archpgtable verify {Target.ReplayArgs} --helper {r.Helper} --seed {r.Seed} --cases 1 (with the same --config/--set)";
}
