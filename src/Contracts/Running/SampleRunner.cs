using System.Diagnostics;
using ArchPgtable.Contracts.Properties;
using CsCheck;

namespace ArchPgtable.Contracts.Running;

/// <summary>
/// Runs one property with CsCheck: <c>Sample</c> generates the cases (single-threaded, so a case
/// count is per core) and shrinks a failure by size; the failing case is regenerated from CsCheck's
/// seed, shrunk further by <see cref="Shrinker"/>, and replayed once more with reporting on to
/// make the <see cref="Counterexample"/>.
/// </summary>
internal static class SampleRunner
{
    public static PropertyResult Run<T>(ContractProperty property, Gen<T> gen, Func<T, CaseReport?, CaseOutcome> test,
        Func<T, IEnumerable<T>> candidates, ContractOptions options)
        where T : notnull
    {
        var clock = Stopwatch.StartNew();
        long cases = 0;
        TimeSpan? firstFailure = null;
        string? seed = null;
        try
        {
            gen.Sample(
                t =>
                {
                    cases++;
                    options.OnCase?.Invoke();
                    if (test(t, null) != CaseOutcome.Fail)
                    {
                        return true;
                    }

                    firstFailure ??= clock.Elapsed;
                    return false;
                },
                seed: options.Seed,
                iter: Math.Max(1, options.Cases),
                threads: 1,
                print: t => t.ToString() ?? "");
        }
        catch (CsCheckException e)
        {
            seed = SeedText.From(e.Message)
                ?? throw new InvalidOperationException("CsCheck reported a failure without a seed: " + e.Message, e);
        }

        if (seed is null)
        {
            return new PropertyResult(property.Name, property.Helper, true, cases, options.Seed, null, null, clock.Elapsed, null);
        }

        var failing = gen.Single(_ => true, seed);
        var (shrunk, shrinks) = Shrinker.Shrink(failing, t => test(t, null), candidates, options.MaxShrinkAttempts);
        var report = new CaseReport();
        if (test(shrunk, report) != CaseOutcome.Fail)
        {
            // Shrinking only keeps failing candidates; reaching here means the property is not deterministic.
            report.Violations.Add("the shrunk case passed when replayed: the property or the plugin is not deterministic");
        }

        var counterexample = new Counterexample(seed, report.Setup, report.Call, report.Entries, report.Writes, report.Race, report.Violations, shrinks, report.Blocks)
        {
            Table = report.Table,
        };
        return new PropertyResult(property.Name, property.Helper, false, cases, seed, counterexample, null, clock.Elapsed, firstFailure);
    }
}
