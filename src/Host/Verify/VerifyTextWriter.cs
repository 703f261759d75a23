using System.Globalization;
using ArchPgtable.Contracts.Running;

namespace ArchPgtable.Host.Verify;

/// <summary>
/// Writes <c>verify</c> results as plain text: one line per property (PASS, FAIL, SKIP, or for a
/// plugin's declared known finding XFAIL/XPASS), a counterexample and replay command under each
/// failure and expected failure, a summary per build.
/// </summary>
internal static class VerifyTextWriter
{
    public static void Write(IReadOnlyList<VerifyOutcome> outcomes, TextWriter output)
    {
        foreach (var o in outcomes)
        {
            output.WriteLine($"{o.Target.Plugin}: {o.Target.Arch.Description} ({o.Target.AssemblyPath})");
            foreach (var r in o.Results)
            {
                switch (r.Status)
                {
                    case PropertyStatus.Skip:
                        output.WriteLine($"  SKIP {r.Name}: {r.SkipReason}");
                        break;
                    case PropertyStatus.Pass:
                        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  PASS {r.Name} ({r.Cases} cases)"));
                        break;
                    case PropertyStatus.UnexpectedPass:
                        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                            $"  XPASS {r.Name} ({r.Cases} cases): a known finding, not reproduced in these cases (more --cases find it): {r.KnownFinding!.Reason}"));
                        break;
                    default:
                        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {r.StatusWord} {r.Name} ({r.Cases} cases)"));
                        if (r.KnownFinding is { } known)
                        {
                            output.WriteLine($"    known finding, upstream behaviour ({known.Reference}): {known.Reason}");
                        }

                        foreach (var line in r.Counterexample!.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries))
                        {
                            output.WriteLine("    " + line.TrimEnd('\r'));
                        }

                        output.WriteLine("    replay: " + o.Replay(r));
                        break;
                }
            }

            output.WriteLine($"{o.Target.Plugin}: {(!o.Passed ? "a property failed" : o.Count(PropertyStatus.ExpectedFailure) > 0 ? "no unexpected failure, known upstream finding(s) reproduced" : "all properties hold")} ({o.Tally()})");
        }

        output.Flush();
    }
}
