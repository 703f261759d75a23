using System.Globalization;

namespace ArchPgtable.Host.Verify;

/// <summary>Writes <c>verify</c> results as plain text: one line per property, a counterexample and replay command under each failure, a summary per build.</summary>
internal static class VerifyTextWriter
{
    public static void Write(IReadOnlyList<VerifyOutcome> outcomes, TextWriter output)
    {
        foreach (var o in outcomes)
        {
            output.WriteLine($"{o.Target.Plugin}: {o.Target.Arch.Description} ({o.Target.AssemblyPath})");
            foreach (var r in o.Results)
            {
                if (r.Skipped)
                {
                    output.WriteLine($"  SKIP {r.Name}: {r.SkipReason}");
                }
                else if (r.Passed)
                {
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  PASS {r.Name} ({r.Cases} cases)"));
                }
                else
                {
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  FAIL {r.Name} ({r.Cases} cases)"));
                    foreach (var line in r.Counterexample!.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries))
                    {
                        output.WriteLine("    " + line.TrimEnd('\r'));
                    }

                    output.WriteLine("    replay: " + o.Replay(r));
                }
            }

            var failed = o.Results.Count(r => !r.Passed);
            var skipped = o.Results.Count(r => r.Skipped);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{o.Target.Plugin}: {(failed == 0 ? "all properties hold" : "a property failed")} ({o.Results.Count - failed - skipped} held, {failed} failed, {skipped} skipped)"));
        }

        output.Flush();
    }
}
