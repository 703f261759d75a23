using ArchPgtable.Host.Tests.Support;
using ArchPgtable.Hosting.Configuration;

namespace ArchPgtable.Host.Tests;

/// <summary>
/// <c>--kernel-tree</c> / <c>--patch</c>: verify and info on the kernel's own arm64 helpers from Debian's
/// linux-source-6.12 tarball (.ci/run installs it), and the one-line errors (exit 2).
/// </summary>
public sealed class NativeKernelTreeTests
{
    private const string Tarball = "/usr/src/linux-source-6.12.tar.xz";

    private static string V4Patch => Path.Combine(AppContext.BaseDirectory, "TestData", "mkold-clean-v4.patch");

    [Fact]
    public void Verify_runs_the_contract_suite_on_the_native_arm64_helpers()
    {
        var result = CliRun.Run(EnvironmentVariables.None, ShippedPlugins.Directory,
            "verify", "--arch", "arm64", "--kernel-tree", Tarball, "--cases", "30", "--seed", "1");

        Assert.True(result.ExitCode == ExitCodes.Ok, result.Out + result.Error);
        Assert.Contains("helpers: native C from Linux 6.12.", result.Out, StringComparison.Ordinal);
        Assert.Contains("arm64: all properties hold", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_with_the_v4_patch_fails_with_a_counterexample_and_a_replay_line_naming_the_tree_and_patch()
    {
        var result = CliRun.Run(EnvironmentVariables.None, ShippedPlugins.Directory,
            "verify", "--arch", "arm64", "--kernel-tree", Tarball, "--patch", V4Patch, "--helper", "clear_young_dirty_ptes", "--cases", "200", "--seed", "1");

        Assert.True(result.ExitCode == ExitCodes.CheckFailed, result.Out + result.Error);
        Assert.Contains("FAIL clear_young_dirty_ptes/contract", result.Out, StringComparison.Ordinal);
        Assert.Contains("still reports", result.Out, StringComparison.Ordinal);
        Assert.Contains($"replay: archpgtable verify --arch arm64 --kernel-tree {Tarball} --patch {V4Patch} --helper clear_young_dirty_ptes", result.Out, StringComparison.Ordinal);

        // Both of the review's bugs, each under its own heading with its own counterexample and replay line.
        Assert.Contains("failure 1 of 2: in the range, still reports", result.Out, StringComparison.Ordinal);
        Assert.Contains("failure 2 of 2: in the range, still reports", result.Out, StringComparison.Ordinal);
        Assert.Contains("; the call starts in a block", result.Out, StringComparison.Ordinal);
        Assert.Contains("; the call starts outside any block", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_on_the_bbml2_machine_answers_the_patched_feature_check_and_declares_the_models_bbml2_findings()
    {
        var patch = Path.Combine(AppContext.BaseDirectory, "TestData", "bbml2-elide-fold-flush.patch");
        var result = CliRun.Run(EnvironmentVariables.None, ShippedPlugins.Directory,
            "verify", "--arch", "arm64", "--kernel-tree", Tarball, "--patch", patch, "--machine", "bbml2", "--helper", "clear_young_dirty_ptes", "--cases", "30", "--seed", "1");

        Assert.True(result.ExitCode == ExitCodes.Ok, result.Out + result.Error);
        Assert.Contains("[machine bbml2]", result.Out, StringComparison.Ordinal);
        Assert.Matches(@"X(PASS|FAIL) clear_young_dirty_ptes/contract", result.Out);
    }

    [Fact]
    public void Verify_info_and_diff_run_the_kernels_own_x86_64_helpers()
    {
        var verify = CliRun.Run(EnvironmentVariables.None, ShippedPlugins.Directory, "verify", "--arch", "x86_64", "--kernel-tree", Tarball, "--cases", "30", "--seed", "1");
        var info = CliRun.Run(EnvironmentVariables.None, ShippedPlugins.Directory, "info", "--json", "--arch", "x86_64", "--kernel-tree", Tarball);
        var diff = CliRun.Run(EnvironmentVariables.None, ShippedPlugins.Directory, "diff", "--arch", "x86_64", "--kernel-tree", Tarball, "--cases", "40");

        Assert.True(verify.ExitCode == ExitCodes.Ok, verify.Out + verify.Error);
        Assert.Contains("helpers: native C from Linux 6.12.", verify.Out, StringComparison.Ordinal);
        Assert.Contains("x86_64: all properties hold", verify.Out, StringComparison.Ordinal);
        Assert.True(info.ExitCode == ExitCodes.Ok, info.Out + info.Error);
        var helpers = info.Json().GetProperty("native").GetProperty("helpers").EnumerateArray().ToList();
        Assert.Equal("arch/x86/mm/pgtable.c", helpers.Single(h => h.GetProperty("helper").GetString() == "ptep_set_access_flags").GetProperty("file").GetString());
        Assert.True(diff.ExitCode == ExitCodes.Ok, diff.Out + diff.Error);
        Assert.Contains("x86_64: no unexplained difference (24 helpers compared", diff.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Info_json_names_the_tree_version_and_the_file_of_each_native_helper()
    {
        var result = CliRun.Run(EnvironmentVariables.None, ShippedPlugins.Directory, "info", "--json", "--arch", "arm64", "--kernel-tree", Tarball);

        Assert.True(result.ExitCode == ExitCodes.Ok, result.Out + result.Error);
        var native = result.Json().GetProperty("native");
        Assert.StartsWith("6.12.", native.GetProperty("kernel_version").GetString(), StringComparison.Ordinal);
        var helpers = native.GetProperty("helpers").EnumerateArray().ToList();
        var cydp = helpers.Single(h => h.GetProperty("helper").GetString() == "clear_young_dirty_ptes");
        Assert.Equal("arch/arm64/include/asm/pgtable.h", cydp.GetProperty("file").GetString());
        Assert.Contains(cydp.GetProperty("calls").EnumerateArray(), c => c.GetString()!.StartsWith("contpte_clear_young_dirty_ptes (contpte.c:", StringComparison.Ordinal));
        Assert.Contains(result.Json().GetProperty("helpers").EnumerateArray(), h => h.GetProperty("provider").GetString() == "arm64 (native C)");
    }

    [Theory]
    [InlineData("y", 23)]
    [InlineData("n", 0)]
    public void Diff_finds_no_unexplained_difference_between_the_riscv64_model_and_the_debian_tree(string svnapot, int explained)
    {
        var result = CliRun.Run(EnvironmentVariables.None, ShippedPlugins.Directory,
            "diff", "--arch", "riscv64", "--kernel-tree", Tarball, "--cases", "40", "--seed", "1", "--set", $"CONFIG_RISCV_ISA_SVNAPOT={svnapot}");

        // With the model's Svnapot layer every compared helper differs from 6.12 (which has no such layer) and each is
        // declared, the mainline batch helpers included; with upstream's helpers every one agrees.
        Assert.True(result.ExitCode == ExitCodes.Ok, result.Out + result.Error);
        Assert.Contains($"riscv64: no unexplained difference (23 helpers compared, {explained} explained difference(s), 1 not compared: the tree has no such helper)", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("  DIFF ", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Diff_finds_no_unexplained_difference_between_the_arm64_model_and_the_debian_tree()
    {
        var result = CliRun.Run(EnvironmentVariables.None, ShippedPlugins.Directory, "diff", "--arch", "arm64", "--kernel-tree", Tarball, "--cases", "60");

        Assert.True(result.ExitCode == ExitCodes.Ok, result.Out + result.Error);
        Assert.Contains("SAME clear_young_dirty_ptes (60 cases)", result.Out, StringComparison.Ordinal);
        Assert.Contains("arm64: no unexplained difference (18 helpers compared, 0 explained difference(s), 6 not compared: the tree has no such helper)", result.Out, StringComparison.Ordinal);
        Assert.Contains("NOT-COMPARED clear_flush_young_ptes (0 cases)", result.Out, StringComparison.Ordinal);
        Assert.Contains("native has no clear_flush_young_ptes of its own", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Diff_speaks_the_output_convention_and_one_seed_gives_one_answer()
    {
        string[] args = ["diff", "--arch", "arm64", "--kernel-tree", Tarball, "--cases", "20", "--seed", "7"];
        var json = CliRun.Run(EnvironmentVariables.None, ShippedPlugins.Directory, [.. args, "--format", "json"]);
        var again = CliRun.Run(EnvironmentVariables.None, ShippedPlugins.Directory, [.. args, "--json"]);
        var csv = CliRun.Run(EnvironmentVariables.None, ShippedPlugins.Directory, [.. args, "--format", "csv"]);

        Assert.True(json.ExitCode == ExitCodes.Ok, json.Out + json.Error);
        Assert.Equal(json.Out, again.Out);
        var root = json.Json();
        Assert.Equal("7", root.GetProperty("seed").GetString());
        Assert.Equal("arm64", root.GetProperty("arch").GetString());
        var helpers = root.GetProperty("helpers").EnumerateArray().ToList();
        Assert.Equal(24, helpers.Count);
        Assert.Equal(6, helpers.Count(h => h.GetProperty("status").GetString() == "not-compared" && h.TryGetProperty("reason", out _)));
        Assert.All(helpers, h => Assert.Contains(h.GetProperty("status").GetString(), new[] { "same", "explained", "not-compared" }));
        var lines = csv.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("seed,arch,helper,status,cases,known_difference,replay", lines[0]);
        Assert.Equal(25, lines.Length);
    }

    [Fact]
    public void Diff_traces_the_model_and_the_C_helpers_on_their_own_threads()
    {
        var file = Path.Combine(Path.GetTempPath(), $"archpgtable-diff-trace-{Environment.ProcessId}.json");
        try
        {
            var result = CliRun.Run(EnvironmentVariables.None, ShippedPlugins.Directory,
                "diff", "--arch", "arm64", "--kernel-tree", Tarball, "--helper", "wrprotect_ptes", "--cases", "5", "--seed", "1", "--trace", file);

            Assert.True(result.ExitCode == ExitCodes.Ok, result.Out + result.Error);
            var events = System.Text.Json.JsonDocument.Parse(File.ReadAllText(file)).RootElement.GetProperty("traceEvents").EnumerateArray().ToList();
            var threads = events.Where(e => e.GetProperty("name").GetString() == "thread_name")
                .ToDictionary(e => e.GetProperty("tid").GetInt32(), e => e.GetProperty("args").GetProperty("name").GetString());
            var calls = events.Where(e => e.GetProperty("name").GetString() == "wrprotect_ptes" && e.GetProperty("ph").GetString() == "B").ToList();
            Assert.Contains(calls, e => threads[e.GetProperty("tid").GetInt32()] == "model");
            Assert.Contains(calls, e => threads[e.GetProperty("tid").GetInt32()] == "native");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Diff_needs_a_kernel_tree()
    {
        var result = CliRun.Run(EnvironmentVariables.None, ShippedPlugins.Directory, "diff", "--arch", "arm64");

        Assert.Equal(ExitCodes.UsageError, result.ExitCode);
        Assert.Equal("archpgtable: error: diff needs --kernel-tree (the C helpers to compare the plugin with).", result.Error.TrimEnd());
    }

    [Theory]
    [InlineData("--kernel-tree /nonexistent/linux", "archpgtable: error: --kernel-tree /nonexistent/linux: no such directory or tarball.")]
    [InlineData("--patch x.patch", "archpgtable: error: --patch needs --kernel-tree (the tree the patch applies to).")]
    [InlineData("--arch generic --kernel-tree /usr/src/linux-source-6.12.tar.xz", "archpgtable: error: --kernel-tree: no native helpers for arch 'generic' (available: arm64, riscv64, x86_64).")]
    [InlineData("--all --kernel-tree /usr/src/linux-source-6.12.tar.xz", "archpgtable: error: --kernel-tree runs the tree's helpers for the selected --arch; it cannot be combined with --all or --plugin.")]
    public void Bad_native_input_is_one_line_and_exit_2(string args, string expected)
    {
        var result = CliRun.Run(EnvironmentVariables.None, ShippedPlugins.Directory, ["verify", .. args.Split(' ')]);

        Assert.Equal(ExitCodes.UsageError, result.ExitCode);
        Assert.Equal(expected, result.Error.TrimEnd());
        Assert.Equal("", result.Out);
    }
}
