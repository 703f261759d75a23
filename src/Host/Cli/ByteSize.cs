using System.Globalization;

namespace ArchPgtable.Host.Cli;

/// <summary>Parses and prints sizes such as <c>64K</c>, <c>1M</c>, <c>1G</c> (powers of 1024) or plain byte counts.</summary>
internal static class ByteSize
{
    public static bool TryParse(string text, out ulong bytes)
    {
        bytes = 0;
        var t = text.Trim().ToUpperInvariant();
        if (t.EndsWith("IB", StringComparison.Ordinal))
        {
            t = t[..^2];
        }
        else if (t.EndsWith('B'))
        {
            t = t[..^1];
        }

        var shift = t.Length == 0 ? 0 : t[^1] switch { 'K' => 10, 'M' => 20, 'G' => 30, 'T' => 40, _ => 0 };
        if (shift != 0)
        {
            t = t[..^1];
        }

        if (!ulong.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n == 0 || n > ulong.MaxValue >> shift)
        {
            return false;
        }

        bytes = n << shift;
        return true;
    }

    public static string Format(ulong bytes) => bytes switch
    {
        >= 1UL << 40 when bytes % (1UL << 40) == 0 => $"{bytes >> 40}T",
        >= 1UL << 30 when bytes % (1UL << 30) == 0 => $"{bytes >> 30}G",
        >= 1UL << 20 when bytes % (1UL << 20) == 0 => $"{bytes >> 20}M",
        >= 1UL << 10 when bytes % (1UL << 10) == 0 => $"{bytes >> 10}K",
        _ => bytes.ToString(CultureInfo.InvariantCulture),
    };
}
