namespace ArchPgtable.Contracts.Running;

/// <summary>The outcome of one property on one architecture build.</summary>
/// <param name="Name">The property, e.g. <c>clear_young_dirty_ptes/contract</c>.</param>
/// <param name="Helper">The helper's kernel name.</param>
/// <param name="Passed">True when every case held (or the property was skipped).</param>
/// <param name="Cases">Cases generated (CsCheck's shrink phase included).</param>
/// <param name="Seed">The seed that replays the counterexample, else the seed the run started from (null: random).</param>
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
    /// <summary>True when the property was not run on this build.</summary>
    public bool Skipped => SkipReason is not null;

    /// <summary><c>PASS name (N cases)</c>, <c>SKIP name: reason</c> or <c>FAIL name</c> with the counterexample.</summary>
    public override string ToString() => Skipped
        ? $"SKIP {Name}: {SkipReason}"
        : Passed
            ? $"PASS {Name} ({Cases} cases)"
            : $"FAIL {Name} ({Cases} cases)\n{Counterexample}";
}
