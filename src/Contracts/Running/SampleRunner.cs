using System.Diagnostics;
using ArchPgtable.Contracts.Properties;
using CsCheck;

namespace ArchPgtable.Contracts.Running;

/// <summary>
/// Runs one property: generates its cases itself from the property's <see cref="CaseStream"/> with CsCheck's
/// <see cref="Gen{T}.Generate"/> (single-threaded, so a case count is per core and a run is deterministic). Failing
/// cases are grouped by their <see cref="FailureSignature"/> (up to <see cref="ContractOptions.MaxDistinctFailures"/>
/// kinds, in the order found); for each kind the smallest failing case by CsCheck <see cref="Size"/> is kept, shrunk
/// further with <see cref="Shrinker"/> to a case of the same kind, and replayed once more with reporting on to make
/// its <see cref="Counterexample"/>. With one kind allowed, cases not smaller than the failure found are skipped, as
/// CsCheck's own sampling does.
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
        var maxKinds = Math.Max(1, options.MaxDistinctFailures);
        var kinds = new List<(string Key, Size Smallest, string Token)>();
        var iterations = Math.Max(1, options.Cases);
        for (var i = 0; i < iterations; i++)
        {
            var state = pcg.State;
            var single = maxKinds == 1 && kinds.Count == 1 ? kinds[0].Smallest : null;
            var t = gen.Generate(pcg, single, out var size);
            cases++;
            options.OnCase?.Invoke();
            if (single is not null && !Size.IsLessThan(size, single))
            {
                continue; // not smaller than the failure found: CsCheck skips it without testing.
            }

            if (test(t, null) != CaseOutcome.Fail)
            {
                continue;
            }

            firstFailure ??= clock.Elapsed;
            var key = maxKinds == 1 ? "" : Signature(test, t).Key;
            var k = kinds.FindIndex(x => x.Key == key);
            if (k < 0)
            {
                if (kinds.Count < maxKinds)
                {
                    kinds.Add((key, size, pcg.ToString(state)));
                }
            }
            else if (Size.IsLessThan(size, kinds[k].Smallest))
            {
                kinds[k] = (key, size, pcg.ToString(state));
            }
        }

        if (kinds.Count == 0)
        {
            return new PropertyResult(property.Name, property.Helper, true, cases, start, null, null, clock.Elapsed, null);
        }

        var found = kinds.Select(x => Shrunk(test, gen, candidates, options, maxKinds == 1 ? null : x.Key, x.Token)).ToList();
        return new PropertyResult(property.Name, property.Helper, false, cases, kinds[0].Token, found[0], null, clock.Elapsed, firstFailure)
        {
            MoreCounterexamples = found.Count > 1 ? found.GetRange(1, found.Count - 1) : [],
        };
    }

    private static FailureSignature Signature<T>(Func<T, CaseReport?, CaseOutcome> test, T t)
    {
        var report = new CaseReport();
        _ = test(t, report);
        return FailureSignature.Of(report.Violations, report.SignatureContext);
    }

    /// <summary>Shrinks the case <paramref name="token"/> names to a smaller one failing the same way (any failure when <paramref name="key"/> is null) and reports it.</summary>
    private static Counterexample Shrunk<T>(Func<T, CaseReport?, CaseOutcome> test, Gen<T> gen, Func<T, IEnumerable<T>> candidates,
        ContractOptions options, string? key, string token)
        where T : notnull
    {
        var failing = gen.Generate(PCG.Parse(token), null, out _);
        var (shrunk, shrinks) = Shrinker.Shrink(failing, t =>
        {
            var outcome = test(t, null);
            return outcome != CaseOutcome.Fail || key is null || Signature(test, t).Key == key ? outcome : CaseOutcome.Pass;
        }, candidates, options.MaxShrinkAttempts);
        var report = new CaseReport();
        if (test(shrunk, report) != CaseOutcome.Fail)
        {
            // Shrinking only keeps failing candidates; reaching here means the property is not deterministic.
            report.Violations.Add("the shrunk case passed when replayed: the property or the plugin is not deterministic");
        }

        return new Counterexample(token, report.Setup, report.Call, report.Entries, report.Writes, report.Race, report.Violations, shrinks, report.Blocks)
        {
            Table = report.Table,
            Kind = FailureSignature.Of(report.Violations, report.SignatureContext).Label,
        };
    }
}
