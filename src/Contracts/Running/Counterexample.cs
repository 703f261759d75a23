using System.Text;

namespace ArchPgtable.Contracts.Running;

/// <summary>
/// A shrunk failing case, readable on its own: the seed that replays it, how the state was built,
/// the call, the entries around the range before and after (decoded by the arch's
/// <see cref="IPteFormat.Describe"/>), the raw writes the helper made, any injected hardware
/// update, and the broken rules.
/// </summary>
/// <param name="Seed">The replay token (CsCheck seed string) of the case before shrinking; <c>--seed</c> with <c>--cases 1</c> replays exactly this counterexample.</param>
/// <param name="Setup">The steps that built the state, in order.</param>
/// <param name="Call">The call under test, in kernel spelling.</param>
/// <param name="Entries">One line per entry near the range: index, expected vs actual ptep_get() view, raw value before and after.</param>
/// <param name="Writes">The software writes the helper made.</param>
/// <param name="Race">The injected hardware access, if any.</param>
/// <param name="Violations">The broken rules.</param>
/// <param name="Shrinks">How many shrink steps made the case smaller.</param>
/// <param name="Blocks">How many contiguous-block-sized groups of the table the state occupies (its size; 1 page per group without blocks).</param>
public sealed record Counterexample(
    string Seed,
    IReadOnlyList<string> Setup,
    string Call,
    IReadOnlyList<string> Entries,
    IReadOnlyList<string> Writes,
    string? Race,
    IReadOnlyList<string> Violations,
    int Shrinks,
    int Blocks)
{
    /// <summary>The region's raw words before and after the call, for a helper's contract case; null for other properties.</summary>
    public CounterexampleTable? Table { get; init; }

    /// <summary>
    /// The kind of failure in words (the first violated check without its entry and values, and where the call
    /// starts), which tells this counterexample apart from a property's others
    /// (<see cref="PropertyResult.MoreCounterexamples"/>); null when not classified.
    /// </summary>
    public string? Kind { get; init; }

    /// <summary>The counterexample as indented text.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append("seed: ").Append(Seed).Append(" (").Append(Shrinks).Append(" shrink steps; the state spans ").Append(Blocks).AppendLine(" block(s))");
        sb.AppendLine("state, built through the arch's API:");
        foreach (var s in Setup)
        {
            sb.Append("  ").AppendLine(s);
        }

        sb.Append("call: ").AppendLine(Call);
        if (Race is not null)
        {
            sb.Append("race: ").AppendLine(Race);
        }

        sb.AppendLine("violations:");
        foreach (var v in Violations)
        {
            sb.Append("  ").AppendLine(v);
        }

        if (Entries.Count > 0)
        {
            sb.AppendLine("entries (ptep_get view before -> after; raw before -> after):");
            foreach (var e in Entries)
            {
                sb.Append("  ").AppendLine(e);
            }
        }

        sb.AppendLine(Writes.Count == 0 ? "raw writes: none" : "raw writes by the helper:");
        foreach (var w in Writes)
        {
            sb.Append("  ").AppendLine(w);
        }

        return sb.ToString();
    }
}
