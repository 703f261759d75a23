using ArchPgtable.Plugins;

namespace ArchPgtable.Contracts.Running;

/// <summary>The outcome of one property on one architecture build.</summary>
/// <param name="Name">The property, e.g. <c>clear_young_dirty_ptes/contract</c>.</param>
/// <param name="Helper">The helper's kernel name.</param>
/// <param name="Passed">True when every case held (or the property was skipped); false for any failing case, an expected one included.</param>
/// <param name="Cases">Cases generated (CsCheck's shrink phase included).</param>
/// <param name="Seed">The replay token of the counterexample, else the token the property's cases started from (it replays the whole property run); null when skipped without a replay token.</param>
/// <param name="Counterexample">The shrunk failing case, or null.</param>
/// <param name="SkipReason">Why the property does not apply to this build, or null when it ran.</param>
/// <param name="Elapsed">Wall time.</param>
/// <param name="FirstFailureAfter">Wall time until the first failing case was generated, when one was.</param>
public sealed record PropertyResult(
    string Name,
    string Helper,
    bool Passed,
    long Cases,
    string? Seed,
    Counterexample? Counterexample,
    string? SkipReason,
    TimeSpan Elapsed,
    TimeSpan? FirstFailureAfter)
{
    /// <summary>The build's declaration that this property is a known upstream finding, or null.</summary>
    public KnownFinding? KnownFinding { get; init; }

    /// <summary>
    /// Counterexamples of other kinds of failure than <see cref="Counterexample"/>'s (a different first violated check, or
    /// a call starting elsewhere), each shrunk on its own, in the order found; empty when every failing case was of one kind.
    /// </summary>
    public IReadOnlyList<Counterexample> MoreCounterexamples { get; init; } = [];

    /// <summary><see cref="Counterexample"/> then <see cref="MoreCounterexamples"/>; empty when none.</summary>
    public IReadOnlyList<Counterexample> Counterexamples =>
        Counterexample is null ? [] : [Counterexample, .. MoreCounterexamples];

    /// <summary>True when the property was not run on this build.</summary>
    public bool Skipped => SkipReason is not null;

    /// <summary>Pass, fail or skip, with a failure of a declared known finding an expected failure.</summary>
    public PropertyStatus Status => Skipped
        ? PropertyStatus.Skip
        : (Passed, KnownFinding is null) switch
        {
            (true, true) => PropertyStatus.Pass,
            (true, false) => PropertyStatus.UnexpectedPass,
            (false, true) => PropertyStatus.Fail,
            (false, false) => PropertyStatus.ExpectedFailure,
        };

    /// <summary>True when this result fails the run: a failure, or with <paramref name="strict"/> also an expected failure.</summary>
    public bool IsFailure(bool strict = false) =>
        Status == PropertyStatus.Fail || (strict && Status == PropertyStatus.ExpectedFailure);

    /// <summary>The status as kselftest spells it: <c>PASS</c>, <c>FAIL</c>, <c>SKIP</c>, <c>XFAIL</c> or <c>XPASS</c>.</summary>
    public string StatusWord => Status switch
    {
        PropertyStatus.Pass => "PASS",
        PropertyStatus.Fail => "FAIL",
        PropertyStatus.Skip => "SKIP",
        PropertyStatus.ExpectedFailure => "XFAIL",
        _ => "XPASS",
    };

    /// <summary><c>PASS name (N cases)</c>, <c>SKIP name: reason</c>, <c>FAIL name</c> or <c>XFAIL name</c> with the counterexample, <c>XPASS name</c>.</summary>
    public override string ToString() => Status switch
    {
        PropertyStatus.Skip => $"SKIP {Name}: {SkipReason}",
        PropertyStatus.Pass => $"PASS {Name} ({Cases} cases)",
        PropertyStatus.UnexpectedPass => $"XPASS {Name} ({Cases} cases): known finding not reproduced: {KnownFinding!.Reason}",
        PropertyStatus.ExpectedFailure => $"XFAIL {Name} ({Cases} cases): known finding ({KnownFinding!.Reference}): {KnownFinding.Reason}\n{Failures()}",
        _ => $"FAIL {Name} ({Cases} cases)\n{Failures()}",
    };

    /// <summary>The heading of counterexample <paramref name="index"/> when there are several kinds of failure, else null.</summary>
    public string? FailureHeading(int index)
    {
        var all = Counterexamples;
        return all.Count < 2 ? null : $"failure {index + 1} of {all.Count}: {all[index].Kind}";
    }

    private string Failures()
    {
        var all = Counterexamples;
        if (all.Count < 2)
        {
            return $"{Counterexample}";
        }

        return string.Concat(all.Select((c, i) => $"{FailureHeading(i)}\n{c}"));
    }
}
