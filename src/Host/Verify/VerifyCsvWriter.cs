using ArchPgtable.Host.Cli;

namespace ArchPgtable.Host.Verify;

/// <summary>
/// Writes <c>verify</c> results as CSV, one record per (build, property):
/// <c>arch,property,helper,status,passed,cases,seed,run_seed,shard,skip_reason,known_finding,violations</c>.
/// <c>seed</c> is the property's replay token (its counterexample's, when it failed); <c>run_seed</c> what
/// <c>--seed</c> takes to replay the whole run.
/// </summary>
internal static class VerifyCsvWriter
{
    public static void Write(VerifyRun run, TextWriter output)
    {
        var csv = new CsvWriter(output);
        csv.Row("arch", "property", "helper", "status", "passed", "cases", "seed", "run_seed", "shard", "skip_reason", "known_finding", "violations");
        foreach (var o in run.Outcomes)
        {
            foreach (var r in o.Results)
            {
                csv.Row(o.Target.Plugin, r.Name, r.Helper, r.StatusWord.ToLowerInvariant(), !r.IsFailure(o.Strict), r.Cases, r.Seed,
                    run.Seed.Text, run.Shard.ToString(), r.SkipReason, r.KnownFinding?.Reference,
                    r.Counterexample is { } c ? string.Join("; ", c.Violations) : null);
            }
        }

        output.Flush();
    }
}
