using System.ComponentModel;
using System.Diagnostics;

namespace ArchPgtable.Native.Tree;

/// <summary>Runs a system tool (tar, patch, cc) and collects its exit code and output.</summary>
internal static class ProcessRunner
{
    public static (int ExitCode, string Output) Run(string file, IEnumerable<string> args, string? workingDirectory = null, string? stdin = null)
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = stdin is not null,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? "",
        };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        Process process;
        try
        {
            process = Process.Start(info) ?? throw new NativeBuildException($"could not start {file}.");
        }
        catch (Win32Exception e)
        {
            throw new NativeBuildException($"could not run '{file}' ({e.Message}); it is needed for --kernel-tree.", e);
        }

        using (process)
        {
            var stderr = process.StandardError.ReadToEndAsync();
            if (stdin is not null)
            {
                process.StandardInput.Write(stdin);
                process.StandardInput.Close();
            }

            var stdout = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, stdout + stderr.GetAwaiter().GetResult());
        }
    }
}
