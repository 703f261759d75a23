using System.Globalization;

namespace ArchPgtable.Host.Verify;

/// <summary>
/// <c>verify --shard i/n</c>: of the run's work list — every (build, property) pair in report order —
/// shard <c>i</c> (1-based) runs the items whose position <c>k</c> (0-based) has <c>k mod n = i − 1</c>.
/// Each property draws its cases from its own stream of the run seed, so the shards of <c>n</c> together
/// give exactly the results of the unsharded run.
/// </summary>
/// <param name="Index">1-based shard number.</param>
/// <param name="Count">Number of shards.</param>
internal sealed record VerifyShard(int Index, int Count)
{
    /// <summary>The whole run.</summary>
    public static VerifyShard All { get; } = new(1, 1);

    /// <summary>True when the work item at <paramref name="position"/> belongs to this shard.</summary>
    public bool Contains(int position) => position % Count == Index - 1;

    /// <summary><c>i/n</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Index}/{Count}");

    /// <summary>Parses <c>i/n</c> with 1 ≤ i ≤ n; null with <paramref name="error"/> set otherwise.</summary>
    public static VerifyShard? Parse(string text, out string? error)
    {
        error = null;
        var parts = text.Split('/');
        if (parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var i)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            && n >= 1 && i >= 1 && i <= n)
        {
            return new VerifyShard(i, n);
        }

        error = $"--shard '{text}' is not i/n with 1 <= i <= n (e.g. 2/4).";
        return null;
    }
}
