using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using ArchPgtable.Contracts.Running;

namespace ArchPgtable.Host.Verify;

/// <summary>
/// What <c>verify --seed</c> was given: a 64-bit run seed (any integer from −2^63 to 2^64−1; a negative
/// one is taken modulo 2^64) that makes the whole run deterministic, or a replay token a counterexample
/// printed. Without <c>--seed</c> a random run seed is drawn, and printed so the run can be replayed.
/// </summary>
/// <param name="RunSeed">The run seed (meaningful when <paramref name="Token"/> is null).</param>
/// <param name="Token">The replay token, or null.</param>
/// <param name="Drawn">True when no seed was given and <paramref name="RunSeed"/> was drawn at random.</param>
internal sealed record VerifySeed(ulong RunSeed, string? Token, bool Drawn)
{
    /// <summary>The text that replays this run with <c>--seed</c>.</summary>
    public string Text => Token ?? RunSeed.ToString(CultureInfo.InvariantCulture);

    /// <summary>A random run seed.</summary>
    public static VerifySeed Random() => new(BitConverter.ToUInt64(RandomNumberGenerator.GetBytes(8)), null, Drawn: true);

    /// <summary>Parses <paramref name="text"/>; null with <paramref name="error"/> set when it is neither form.</summary>
    public static VerifySeed? Parse(string text, out string? error)
    {
        error = null;
        var t = text.Trim();
        if (BigInteger.TryParse(t, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n))
        {
            if (n < long.MinValue || n > ulong.MaxValue)
            {
                error = $"--seed {text} is outside the 64-bit range (-9223372036854775808 to 18446744073709551615).";
                return null;
            }

            return new VerifySeed(n < 0 ? unchecked((ulong)(long)n) : (ulong)n, null, Drawn: false);
        }

        if (t.Length > 0 && ContractSuite.IsReplayToken(t))
        {
            return new VerifySeed(0, t, Drawn: false);
        }

        error = $"--seed '{text}' is neither a 64-bit integer run seed nor a replay token printed by a counterexample.";
        return null;
    }
}
