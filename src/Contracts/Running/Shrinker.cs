namespace ArchPgtable.Contracts.Running;

/// <summary>
/// Greedy deterministic shrinking on top of CsCheck's: repeatedly takes the first candidate that
/// still fails. Every candidate removes an element or moves a field strictly towards zero, so it
/// terminates; the same failing case always shrinks to the same result.
/// </summary>
internal static class Shrinker
{
    public static (T Value, int Shrinks) Shrink<T>(T failing, Func<T, CaseOutcome> test, Func<T, IEnumerable<T>> candidates, int maxAttempts)
    {
        var current = failing;
        var shrinks = 0;
        var attempts = 0;
        bool progress;
        do
        {
            progress = false;
            foreach (var candidate in candidates(current))
            {
                if (++attempts > maxAttempts)
                {
                    return (current, shrinks);
                }

                if (test(candidate) == CaseOutcome.Fail)
                {
                    current = candidate;
                    shrinks++;
                    progress = true;
                    break;
                }
            }
        }
        while (progress);

        return (current, shrinks);
    }
}
