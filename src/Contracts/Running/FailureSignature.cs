using System.Text;
using System.Text.RegularExpressions;

namespace ArchPgtable.Contracts.Running;

/// <summary>
/// What kind of failure a failing case shows, so that one property can report several distinct bugs, each with its
/// own shrunk counterexample, instead of the one its smallest case happens to show. The kind is the first violated
/// check, without the entry it names or the values it prints, cut to its family (the text before the first
/// <c>,</c>, <c>:</c> or <c> (</c>, digits folded: <c>in the range, still reports dirty</c> and
/// <c>… still reports young</c> are one kind), plus the context the property reports (for helper calls on an arch
/// with hardware blocks: whether the call's first entry lies in a block, the entry a contpte-style wrapper
/// dispatches on).
/// </summary>
/// <param name="Key">Cases with equal keys are one kind of failure.</param>
/// <param name="Label">The kind in words, for the report: the first violation without its location or values, and the context.</param>
internal sealed partial record FailureSignature(string Key, string Label)
{
    /// <summary>The signature of a case whose report holds <paramref name="violations"/> (the first one counts) and <paramref name="context"/>.</summary>
    internal static FailureSignature Of(IReadOnlyList<string> violations, string? context)
    {
        var what = violations.Count == 0 ? "no violation recorded" : Strip(violations[0]);
        var family = Family(what);
        return context is null
            ? new FailureSignature(family, what)
            : new FailureSignature(family + "; " + context, what + "; " + context);
    }

    /// <summary>The violation without the entry it names (<c>pte[N] (va 0x…): </c>) and the views it prints (<c>: before …</c>).</summary>
    private static string Strip(string violation)
    {
        var v = Location().Replace(violation, "", 1);
        var before = v.IndexOf(": before ", StringComparison.Ordinal);
        return before < 0 ? v : v[..before];
    }

    private static string Family(string what)
    {
        var end = what.Length;
        foreach (var stop in new[] { ",", ":", " (" })
        {
            var k = what.IndexOf(stop, StringComparison.Ordinal);
            if (k > 0)
            {
                end = Math.Min(end, k);
            }
        }

        var sb = new StringBuilder(end);
        var inNumber = false;
        foreach (var ch in what.AsSpan(0, end))
        {
            var digit = char.IsAsciiDigit(ch);
            if (!digit || !inNumber)
            {
                sb.Append(digit ? '#' : ch);
            }

            inNumber = digit;
        }

        return sb.ToString();
    }

    [GeneratedRegex(@"^pte\[\d+\] \(va 0x[0-9a-f]+\): ")]
    private static partial Regex Location();
}
