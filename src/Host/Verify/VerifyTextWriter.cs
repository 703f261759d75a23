using System.Globalization;
using ArchPgtable.Contracts.Running;

namespace ArchPgtable.Host.Verify;

/// <summary>
/// Writes <c>verify</c> results as plain text: the seed that replays the run (and the shard), then per build
/// one line per property (PASS, FAIL, SKIP, or for a plugin's declared known finding XFAIL/XPASS), a
/// counterexample and replay command under each failure and expected failure, and a summary. No durations:
/// the same seed prints the same bytes.
/// </summary>
internal static class VerifyTextWriter
{
    public static void Write(VerifyRun run, TextWriter output)
    {
        output.WriteLine(run.Seed.Token is null
            ? $"seed: {run.Seed.Text} ({(run.Seed.Drawn ? "drawn at random; " : "")}--seed {run.Seed.Text} replays this run)"
            : $"seed: {run.Seed.Text} (replay token: every property starts from this case)");
        if (run.Shard.Count > 1)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"shard: {run.Shard} ({run.Ran} of {run.WorkItems} (build, property) items)"));
        }

        foreach (var o in run.Outcomes)
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

                        for (var k = 0; k < r.Counterexamples.Count; k++)
                        {
                            var c = r.Counterexamples[k];
                            if (r.FailureHeading(k) is { } heading)
                            {
                                output.WriteLine("    " + heading);
                            }

                            foreach (var line in c.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries))
                            {
                                output.WriteLine("    " + line.TrimEnd('\r'));
                            }

                            output.WriteLine("    replay: " + o.Replay(r, c));
                        }

                        break;
                }
            }

            output.WriteLine($"{o.Target.Plugin}: {o.Verdict()} ({o.Tally()})");
        }

        output.Flush();
    }
}
