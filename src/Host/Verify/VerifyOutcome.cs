using ArchPgtable.Contracts.Running;

namespace ArchPgtable.Host.Verify;

/// <summary>The results of the contracts on one build.</summary>
/// <param name="Target">The build.</param>
/// <param name="Results">One per property run (or skipped).</param>
/// <param name="Strict">Count expected failures (declared known findings) as failures.</param>
internal sealed record VerifyOutcome(VerifyTarget Target, IReadOnlyList<PropertyResult> Results, bool Strict = false)
{
    /// <summary>True when no property failed (with <see cref="Strict"/>, no expected failure either).</summary>
    public bool Passed => Failed == 0;

    /// <summary>How many results fail the run (with <see cref="Strict"/>, expected failures included).</summary>
    public int Failed => Results.Count(r => r.IsFailure(Strict));

    /// <summary>How many results have <paramref name="status"/>.</summary>
    public int Count(PropertyStatus status) => Results.Count(r => r.Status == status);

    /// <summary>
    /// One summary clause whose counts add up to the properties run, e.g. <c>30 held, 0 failed, 1 XFAIL, 0 XPASS, 2 skipped</c>
    /// (the X counts only when the build declares known findings); with <see cref="Strict"/> an XFAIL is counted as failed:
    /// <c>1 held, 1 failed (1 known finding, --strict), 0 XPASS, 0 skipped</c>.
    /// </summary>
    public string Tally()
    {
        var xfail = Count(PropertyStatus.ExpectedFailure);
        var xpass = Count(PropertyStatus.UnexpectedPass);
        var failed = Strict && xfail > 0 ? $"{Failed} failed ({xfail} known finding{(xfail == 1 ? "" : "s")}, --strict)" : $"{Failed} failed";
        var known = xfail + xpass == 0 ? "" : Strict ? $", {xpass} XPASS" : $", {xfail} XFAIL, {xpass} XPASS";
        return $"{Count(PropertyStatus.Pass)} held, {failed}{known}, {Count(PropertyStatus.Skip)} skipped";
    }

    /// <summary>The headline: <c>all properties hold</c>, <c>N properties failed</c>, or that only known findings failed.</summary>
    public string Verdict() =>
        !Passed ? $"{Failed} propert{(Failed == 1 ? "y" : "ies")} failed"
        : Count(PropertyStatus.ExpectedFailure) > 0 ? "no unexpected failure, known upstream finding(s) reproduced"
        : "all properties hold";

    /// <summary>The command that replays a failed property's counterexample exactly.</summary>
    public string Replay(PropertyResult r) =>
        $"archpgtable verify {Target.ReplayArgs} --helper {r.Helper} --seed {r.Seed} --cases 1 (with the same --config/--set)";

    /// <summary>The command that replays counterexample <paramref name="c"/> of <paramref name="r"/> (one of several kinds of failure).</summary>
    public string Replay(PropertyResult r, Counterexample c) =>
        $"archpgtable verify {Target.ReplayArgs} --helper {r.Helper} --seed {c.Seed} --cases 1 (with the same --config/--set)";
}
