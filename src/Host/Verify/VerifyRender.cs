using ArchPgtable.Contracts.Running;
using ArchPgtable.Host.Render;
using ArchPgtable.Mm.Rendering;

namespace ArchPgtable.Host.Verify;

/// <summary>
/// <c>verify --render DIR</c>: one SVG per failing or expected-failing (XFAIL) helper property, drawing its shrunk
/// counterexample's PTE table before and after the call (<c>DIR/&lt;arch&gt;-&lt;helper&gt;-&lt;aspect&gt;.svg</c>).
/// </summary>
internal static class VerifyRender
{
    /// <summary>Why <paramref name="dir"/> cannot hold the pictures, or null (it exists, or its parent does and it is created).</summary>
    public static string? Prepare(string dir)
    {
        var full = Path.GetFullPath(dir);
        if (File.Exists(full))
        {
            return $"--render '{dir}' is a file; give a folder.";
        }

        var parent = Path.GetDirectoryName(full);
        if (!Directory.Exists(full) && parent is not null && !Directory.Exists(parent))
        {
            return $"--render '{dir}': the folder '{parent}' does not exist.";
        }

        return null;
    }

    /// <summary>Writes the pictures; returns the files written.</summary>
    public static IReadOnlyList<string> Write(IReadOnlyList<VerifyOutcome> outcomes, string dir)
    {
        var written = new List<string>();
        Directory.CreateDirectory(dir);
        foreach (var o in outcomes)
        {
            foreach (var r in o.Results)
            {
                if (r.Status is not (PropertyStatus.Fail or PropertyStatus.ExpectedFailure) || r.Counterexample?.Table is not { } t)
                {
                    continue;
                }

                var arch = o.Target.Arch;
                var head = $"{o.Target.Plugin}: {r.StatusWord} {r.Name}, seed {r.Seed}";
                var call = r.Counterexample.Call;
                PteRangePicture[] pictures =
                [
                    PteRangePicture.FromWords(arch, t.TableVa, t.First, t.Before, $"{head}: before {call}", t.CallStart, t.CallNr),
                    PteRangePicture.FromWords(arch, t.TableVa, t.First, t.After, $"after{(r.Counterexample.Race is { } race ? $" (race: {race})" : "")}; {string.Join("; ", r.Counterexample.Violations)}", t.CallStart, t.CallNr),
                ];
                var path = Path.Combine(dir, $"{FileName(o.Target.Plugin)}-{FileName(r.Name)}.svg");
                SvgFiles.Write(path, pictures);
                written.Add(path);
            }
        }

        return written;
    }

    private static string FileName(string text) =>
        string.Concat(text.Select(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' ? c : '-'));
}
