using System.Text;
using CsCheck;

namespace ArchPgtable.Contracts.Running;

/// <summary>
/// Where a property's cases come from: a CsCheck <see cref="PCG"/> derived from the run seed and a stable
/// (FNV-1a, not <see cref="string.GetHashCode()"/>, which is randomised per process) hash of the property's
/// name, or the PCG a replay token names.
/// </summary>
internal static class CaseStream
{
    /// <summary>The PCG of <paramref name="property"/> under <paramref name="options"/>.</summary>
    /// <exception cref="ArgumentException"><see cref="ContractOptions.Seed"/> is not a replay token.</exception>
    public static PCG For(string property, ContractOptions options) =>
        options.Seed is { } token ? Parse(token) : FromRunSeed(options.RunSeed, property);

    /// <summary>The PCG of <paramref name="property"/> for run seed <paramref name="runSeed"/>.</summary>
    public static PCG FromRunSeed(ulong runSeed, string property)
    {
        var h = Fnv1a(property);
        return new PCG((uint)(h ^ (h >> 32)), Mix(runSeed ^ h));
    }

    /// <summary>The token that replays the case generated next from <paramref name="pcg"/>.</summary>
    public static string Token(PCG pcg) => pcg.ToString(pcg.State);

    /// <summary>True when <paramref name="token"/> is a CsCheck seed string.</summary>
    public static bool IsToken(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        try
        {
            PCG.Parse(token);
            return true;
        }
        catch (CsCheckException)
        {
            return false;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static PCG Parse(string token)
    {
        try
        {
            return PCG.Parse(token);
        }
        catch (Exception e) when (e is CsCheckException or FormatException)
        {
            throw new ArgumentException($"'{token}' is not a replay token (a seed a counterexample printed).", nameof(token), e);
        }
    }

    private static ulong Fnv1a(string text)
    {
        var h = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            h = (h ^ b) * 1099511628211UL;
        }

        return h;
    }

    /// <summary>SplitMix64's finaliser: nearby run seeds give unrelated PCG states.</summary>
    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
