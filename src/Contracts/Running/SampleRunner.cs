using System.Diagnostics;
using ArchPgtable.Contracts.Properties;
using CsCheck;

namespace ArchPgtable.Contracts.Running;

/// <summary>
/// Runs one property: generates its cases itself from the property's <see cref="CaseStream"/> with CsCheck's
/// <see cref="Gen{T}.Generate"/> (single-threaded, so a case count is per core and a run is deterministic),
/// keeps the smallest failing case by CsCheck <see cref="Size"/> as CsCheck's own sampling does (after the
/// first failure, the remaining cases are generated below that size), shrinks it further with
/// <see cref="Shrinker"/>, and replays it once more with reporting on to make the <see cref="Counterexample"/>.
/// </summary>
internal static class SampleRunner
{
    public static PropertyResult Run<T>(ContractProperty property, Gen<T> gen, Func<T, CaseReport?, CaseOutcome> test,
        Func<T, IEnumerable<T>> candidates, ContractOptions options)
        where T : notnull
    {
        var clock = Stopwatch.StartNew();
        var pcg = CaseStream.For(property.Name, options);
        var start = CaseStream.Token(pcg);
        long cases = 0;
        TimeSpan? firstFailure = null;
        Size? smallest = null;
        string? failingToken = null;
        var iterations = Math.Max(1, options.Cases);
        for (var i = 0; i < iterations; i++)
        {
            var state = pcg.State;
            var t = gen.Generate(pcg, smallest, out var size);
            cases++;
            options.OnCase?.Invoke();
            if (smallest is not null && !Size.IsLessThan(size, smallest))
            {
                continue; // not smaller than the failure found: CsCheck skips it without testing.
            }

            if (test(t, null) != CaseOutcome.Fail)
            {
                continue;
            }

            firstFailure ??= clock.Elapsed;
            smallest = size;
            failingToken = pcg.ToString(state);
        }

        if (failingToken is null)
        {
            return new PropertyResult(property.Name, property.Helper, true, cases, start, null, null, clock.Elapsed, null);
        }

        var failing = gen.Generate(PCG.Parse(failingToken), null, out _);
        var (shrunk, shrinks) = Shrinker.Shrink(failing, t => test(t, null), candidates, options.MaxShrinkAttempts);
        var report = new CaseReport();
        if (test(shrunk, report) != CaseOutcome.Fail)
        {
            // Shrinking only keeps failing candidates; reaching here means the property is not deterministic.
            report.Violations.Add("the shrunk case passed when replayed: the property or the plugin is not deterministic");
        }

        var counterexample = new Counterexample(failingToken, report.Setup, report.Call, report.Entries, report.Writes, report.Race, report.Violations, shrinks, report.Blocks)
        {
            Table = report.Table,
        };
        return new PropertyResult(property.Name, property.Helper, false, cases, failingToken, counterexample, null, clock.Elapsed, firstFailure);
    }
}
