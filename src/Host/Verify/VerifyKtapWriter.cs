using System.Globalization;
using ArchPgtable.Contracts.Running;

namespace ArchPgtable.Host.Verify;

/// <summary>
/// Writes <c>verify</c> results as KTAP version 1 (Documentation/dev-tools/ktap.rst), the format
/// kunit.py and kernel CI read: one subtest per build, one test per property; a skipped property is
/// <c>ok N name # SKIP reason</c>; a failure's counterexample precedes its <c>not ok</c> line as
/// diagnostic (<c>#</c>) lines; a plugin's declared known finding that fails is
/// <c>ok N name # XFAIL reference</c> (kselftest's directive; <c>not ok</c> with <c>--strict</c>),
/// one that held <c>ok N name # XPASS …</c>. A <c># seed:</c> diagnostic after the plan names the seed that replays the run.
/// </summary>
internal static class VerifyKtapWriter
{
    public static void Write(VerifyRun run, TextWriter output)
    {
        var outcomes = run.Outcomes;
        output.WriteLine("KTAP version 1");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"1..{outcomes.Count}"));
        output.WriteLine($"# seed: {run.Seed.Text} (--seed {run.Seed.Text} replays this run)");
        if (run.Shard.Count > 1)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"# shard: {run.Shard} ({run.Ran} of {run.WorkItems} items)"));
        }

        for (var t = 0; t < outcomes.Count; t++)
        {
            var o = outcomes[t];
            output.WriteLine("    KTAP version 1");
            output.WriteLine($"    # Subtest: {Name(o.Target.Plugin)}");
            output.WriteLine($"    # {Diag(o.Target.Arch.Description)}");
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    1..{o.Results.Count}"));
            for (var i = 0; i < o.Results.Count; i++)
            {
                var r = o.Results[i];
                var n = i + 1;
                if (r.Skipped)
                {
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    ok {n} {Name(r.Name)} # SKIP {Diag(r.SkipReason!)}"));
                    continue;
                }

                if (r.Counterexample is not null)
                {
                    if (r.KnownFinding is { } known)
                    {
                        output.WriteLine($"    # known finding, upstream behaviour ({Diag(known.Reference)}): {Diag(known.Reason)}");
                    }

                    for (var k = 0; k < r.Counterexamples.Count; k++)
                    {
                        var c = r.Counterexamples[k];
                        if (r.FailureHeading(k) is { } heading)
                        {
                            output.WriteLine("    # " + Diag(heading));
                        }

                        foreach (var line in c.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries))
                        {
                            output.WriteLine("    # " + Diag(line.TrimEnd('\r')));
                        }

                        output.WriteLine("    # replay: " + Diag(o.Replay(r, c)));
                    }
                }

                var result = r.Status switch
                {
                    PropertyStatus.ExpectedFailure when !o.Strict => $"ok {n} {Name(r.Name)} # XFAIL {Diag(r.KnownFinding!.Reference)}",
                    PropertyStatus.UnexpectedPass => $"ok {n} {Name(r.Name)} # XPASS known finding not reproduced",
                    _ => $"{(r.IsFailure(o.Strict) ? "not ok" : "ok")} {n} {Name(r.Name)}",
                };
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    {result}"));
            }

            var failed = o.Failed;
            var skipped = o.Count(PropertyStatus.Skip);
            var xfail = o.Strict ? 0 : o.Count(PropertyStatus.ExpectedFailure);
            var xpass = o.Count(PropertyStatus.UnexpectedPass);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"# {Name(o.Target.Plugin)}: pass:{o.Results.Count - failed - skipped - xfail - xpass} fail:{failed} xfail:{xfail} xpass:{xpass} skip:{skipped} total:{o.Results.Count}"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{(o.Passed ? "ok" : "not ok")} {t + 1} {Name(o.Target.Plugin)}"));
        }

        output.Flush();
    }

    /// <summary>A test name must not contain '#' (it starts a directive) or a line break.</summary>
    private static string Name(string name) => name.Replace('#', '_').ReplaceLineEndings(" ");

    private static string Diag(string text) => text.ReplaceLineEndings(" ");
}
