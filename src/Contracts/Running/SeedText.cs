using System.Text.RegularExpressions;

namespace ArchPgtable.Contracts.Running;

/// <summary>Reads the replay seed out of a CsCheck failure message (<c>Set seed: "…" or -e CsCheck_Seed=… to reproduce</c>).</summary>
internal static partial class SeedText
{
    public static string? From(string message)
    {
        var m = SeedPattern().Match(message);
        return m.Success ? m.Groups[1].Value : null;
    }

    [GeneratedRegex("seed: \"([^\"]+)\"", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SeedPattern();
}
