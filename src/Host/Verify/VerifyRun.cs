namespace ArchPgtable.Host.Verify;

/// <summary>One <c>verify</c> run: the seed that replays it, the shard it covered, and the outcome per build.</summary>
/// <param name="Seed">The run seed or replay token.</param>
/// <param name="Shard">Which shard of the work list ran.</param>
/// <param name="Strict">Expected failures (declared known findings) count as failures.</param>
/// <param name="Outcomes">One per build, each with the properties of this shard.</param>
/// <param name="WorkItems">The (build, property) pairs of the whole, unsharded run.</param>
internal sealed record VerifyRun(VerifySeed Seed, VerifyShard Shard, bool Strict, IReadOnlyList<VerifyOutcome> Outcomes, int WorkItems)
{
    /// <summary>True when no build failed.</summary>
    public bool Passed => Outcomes.All(o => o.Passed);

    /// <summary>The (build, property) pairs this shard ran.</summary>
    public int Ran => Outcomes.Sum(o => o.Results.Count);
}
