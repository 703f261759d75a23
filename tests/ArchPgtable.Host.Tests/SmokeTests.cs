using System.Diagnostics;
using System.Text.Json;

namespace ArchPgtable.Host.Tests;

/// <summary>The one test that runs the real executable in a child process: the arm64 plugin from the plugins/ folder next to it is the default arch.</summary>
public sealed class SmokeTests
{
    [Fact]
    public async Task The_built_host_runs_info_json_and_reports_a_garbage_plugin()
    {
        var host = Path.Combine(AppContext.BaseDirectory, "archpgtable.dll");
        Assert.True(File.Exists(host), host);
        var plugins = Directory.CreateTempSubdirectory("archpgtable-smoke-");
        try
        {
            File.WriteAllBytes(Path.Combine(plugins.FullName, "junk.dll"), [0x4d, 0x5a, 1, 2, 3]);
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var arg in new[] { "exec", host, "info", "--json", "--plugins", plugins.FullName })
            {
                start.ArgumentList.Add(arg);
            }

            start.Environment.Remove("ARCHPGTABLE_ARCH");
            using var process = Process.Start(start)!;
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            var stderrTask = process.StandardError.ReadToEndAsync(timeout.Token);
            var stdout = await process.StandardOutput.ReadToEndAsync(timeout.Token);
            await process.WaitForExitAsync(timeout.Token);
            var stderr = await stderrTask;

            Assert.True(process.ExitCode == 0, stderr);
            using var json = JsonDocument.Parse(stdout);
            Assert.Equal("arm64", json.RootElement.GetProperty("arch").GetString());
            Assert.Contains(json.RootElement.GetProperty("plugins").EnumerateArray(), p => p.GetProperty("arch").GetString() == "arm64");
            Assert.Contains("junk.dll: not a .NET assembly; skipped.",
                Assert.Single(json.RootElement.GetProperty("diagnostics").EnumerateArray()).GetString(), StringComparison.Ordinal);
        }
        finally
        {
            plugins.Delete(recursive: true);
        }
    }
}
