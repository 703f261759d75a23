using System.CommandLine;

namespace ArchPgtable.Host.Cli;

/// <summary>
/// Turns System.CommandLine's two errors for a mistyped command (<c>Required command was not provided</c>
/// and <c>Unrecognized command or argument</c>) into one sentence with the closest command names.
/// </summary>
internal static class UnknownCommand
{
    /// <summary>The sentence for <paramref name="parse"/> when its first token is not a command of <paramref name="root"/>, else null.</summary>
    public static string? Describe(ParseResult parse, RootCommand root)
    {
        if (parse.CommandResult.Command != root || parse.UnmatchedTokens.Count == 0)
        {
            return null;
        }

        var word = parse.UnmatchedTokens[0];
        if (word.StartsWith('-'))
        {
            return null;
        }

        var names = root.Subcommands.Select(c => c.Name).ToList();
        var close = names.Where(n => Distance(word, n) <= Math.Max(2, n.Length / 3) || n.StartsWith(word, StringComparison.OrdinalIgnoreCase)).ToList();
        var hint = close.Count > 0 ? $"did you mean {string.Join(" or ", close.Select(n => $"'{n}'"))}? " : "";
        return $"unknown command '{word}'; {hint}commands: {string.Join(", ", names)}";
    }

    /// <summary>Levenshtein distance, case-insensitive.</summary>
    private static int Distance(string a, string b)
    {
        a = a.ToLowerInvariant();
        b = b.ToLowerInvariant();
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            previous = current;
        }

        return previous[b.Length];
    }
}
