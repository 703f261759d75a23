using ArchPgtable.Native.Tree;

namespace ArchPgtable.Native.Build;

/// <summary>Applies a unified diff (<c>-p1</c>, as <c>git format-patch</c> writes it) to the materialized files with the system <c>patch</c>.</summary>
internal static class PatchApplier
{
    /// <exception cref="NativeBuildException">The patch file is missing or does not apply; nothing is changed then.</exception>
    public static void Apply(string patchFile, KernelSource tree, string option)
    {
        if (!File.Exists(patchFile))
        {
            throw new NativeBuildException($"{option} {patchFile}: no such file.");
        }

        string[] common = ["-p1", "--batch", "--forward", "--no-backup-if-mismatch", "-r", "-", "-d", tree.Directory, "-i", Path.GetFullPath(patchFile)];
        var (dryExit, dryOutput) = ProcessRunner.Run("patch", ["--dry-run", .. common]);
        if (dryExit != 0)
        {
            throw new NativeBuildException($"{option} {patchFile} does not apply to Linux {tree.Version} ({tree.Origin}): {Reason(dryOutput)}");
        }

        var (exit, output) = ProcessRunner.Run("patch", common);
        if (exit != 0)
        {
            throw new NativeBuildException($"{option} {patchFile} does not apply to Linux {tree.Version} ({tree.Origin}): {Reason(output)}");
        }
    }

    private static string Reason(string output)
    {
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var failing = lines.FirstOrDefault(l => l.Contains("FAILED", StringComparison.Ordinal) || l.Contains("can't find file", StringComparison.Ordinal)
            || l.Contains("No file to patch", StringComparison.Ordinal) || l.Contains("malformed", StringComparison.OrdinalIgnoreCase)
            || l.Contains("Only garbage", StringComparison.Ordinal) || l.Contains("Reversed", StringComparison.Ordinal));
        var checking = lines.LastOrDefault(l => l.StartsWith("checking file", StringComparison.Ordinal) || l.StartsWith("patching file", StringComparison.Ordinal));
        return (failing, checking) switch
        {
            (not null, not null) => $"{checking}: {failing}",
            (not null, null) => failing,
            _ => lines.FirstOrDefault() ?? "patch reported no reason",
        };
    }
}
