using ArchPgtable.Contracts.Running;
using ArchPgtable.Host.Verify;

namespace ArchPgtable.Host.Cli;

/// <summary>What <c>diff</c> found: per helper, not compared (with the reason), same, a difference the native arch spec explains, or an unexplained difference.</summary>
/// <param name="Arch">The arch compared.</param>
/// <param name="Against">The native build's description (tree and kernel version).</param>
/// <param name="Seed">The run seed (printed so the run replays).</param>
/// <param name="Results">One per helper compared.</param>
/// <param name="Explained">Helper → the declared reason for its known difference.</param>
/// <param name="Replay">The command that replays one helper's difference.</param>
internal sealed record DiffReport(string Arch, string Against, VerifySeed Seed, IReadOnlyList<PropertyResult> Results,
    IReadOnlyDictionary<string, string> Explained, Func<PropertyResult, string> Replay)
{
    /// <summary>True when every difference is explained.</summary>
    public bool Passed => Results.All(r => r.Passed || Explained.ContainsKey(r.Helper));

    /// <summary><c>not-compared</c> (the native tree has no such helper while the model overrides it), <c>same</c>, <c>explained</c> or <c>diff</c>.</summary>
    public string Status(PropertyResult r) => r.Skipped ? "not-compared" : r.Passed ? "same" : Explained.ContainsKey(r.Helper) ? "explained" : "diff";
}
