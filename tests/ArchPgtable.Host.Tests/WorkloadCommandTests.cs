using System.Text.RegularExpressions;
using ArchPgtable.Host.Tests.Support;
using ArchPgtable.Hosting.Configuration;

namespace ArchPgtable.Host.Tests;

public sealed class WorkloadCommandTests
{
    [Theory]
    [InlineData("arm64")]
    [InlineData("x86_64")]
    [InlineData("riscv64")]
    [InlineData("generic")]
    public void Every_shipped_arch_runs_without_findings(string arch)
    {
        var result = CliRun.Run(EnvironmentVariables.None, ShippedPlugins.Directory, "workload", "--arch", arch, "--ops", "5000", "--seed", "3");
        Assert.True(result.ExitCode == 0, result.Out + result.Error);
        Assert.Contains("findings: data-loss 0, permission 0, isolation 0, fault-livelock 0, out-of-memory 0", result.Out, StringComparison.Ordinal);
        Assert.Contains("no findings", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_agent_of_a_machine_takes_part()
    {
        var result = CliRun.Run(EnvironmentVariables.None, ShippedPlugins.Directory, "workload", "--arch", "arm64", "--machine", "smmu-httu", "--ops", "3000", "--json");
        Assert.True(result.ExitCode == 0, result.Out + result.Error);
        var json = result.Json();
        Assert.Equal("smmu-httu", json.GetProperty("machine").GetString());
        Assert.Equal(3000, json.GetProperty("ops").GetInt64());
        Assert.Equal(0, json.GetProperty("findings").GetArrayLength());
    }

    [Fact]
    public void A_known_bad_variant_exits_1_and_its_replay_reproduces_the_finding()
    {
        var result = CliRun.Run(EnvironmentVariables.None, ShippedPlugins.Directory, "workload", "--arch", "arm64", "--paths", "bad-mprotect", "--seed", "1", "--ops", "20000");
        Assert.Equal(1, result.ExitCode);
        var finding = Regex.Match(result.Out, @"(?m)^  permission after operation (\d+) .*$");
        Assert.True(finding.Success, result.Out);
        var replay = Regex.Match(result.Out, @"(?m)^replay: archpgtable (.*) \(with the same --config/--set\)$");
        Assert.True(replay.Success, result.Out);
        var again = CliRun.Run(EnvironmentVariables.None, ShippedPlugins.Directory, replay.Groups[1].Value.Split(' '));
        Assert.Equal(1, again.ExitCode);
        Assert.Contains(finding.Value, again.Out, StringComparison.Ordinal);
        Assert.Contains($"{long.Parse(finding.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) + 1} operations", again.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--ops", "0", "--ops must be at least 1")]
    [InlineData("--ops", "many", "--ops")]
    [InlineData("--seed", "x", "--seed")]
    [InlineData("--paths", "fast", "fast")]
    [InlineData("--pages", "8", "--pages must be 16..65536")]
    public void Bad_values_are_usage_errors(string option, string value, string message)
    {
        var result = CliRun.Run("workload", option, value);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
        Assert.Equal("", result.Out);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Pmd_thp_maps_and_splits_pmd_leaves_and_its_replay_keeps_the_option()
    {
        string[] args = ["workload", "--arch", "arm64", "--pmd-thp", "--pages", "1024", "--ops", "5000", "--seed", "1"];
        var result = CliRun.Run(EnvironmentVariables.None, ShippedPlugins.Directory, args);
        Assert.True(result.ExitCode == 0, result.Out + result.Error);
        Assert.Equal("", result.Error);
        var pmd = Regex.Match(result.Out, @"(?m)^  pmd-thp: (\d+) PMD-mapped THP faults, \d+ fallbacks to PTEs, (\d+) PMD splits, \d+ discarded whole$");
        Assert.True(pmd.Success, result.Out);
        var faults = long.Parse(pmd.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(faults > 0, result.Out);
        Assert.True(long.Parse(pmd.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture) > 0, result.Out);

        var json = CliRun.Run(EnvironmentVariables.None, ShippedPlugins.Directory, [.. args, "--json"]).Json();
        Assert.True(json.GetProperty("pmd_thp").GetBoolean());
        Assert.Equal(faults, json.GetProperty("pmd").GetProperty("thp_faults").GetInt64());
        Assert.Equal("archpgtable workload --arch arm64 --seed 1 --ops 5000 --pages 1024 --pmd-thp", json.GetProperty("replay").GetString());
    }

    [Fact]
    public void Without_pmd_thp_no_pmd_is_mapped()
    {
        var result = CliRun.Run(EnvironmentVariables.None, ShippedPlugins.Directory, "workload", "--arch", "arm64", "--pages", "1024", "--ops", "5000", "--seed", "1");
        Assert.True(result.ExitCode == 0, result.Out + result.Error);
        Assert.DoesNotContain("pmd-thp", result.Out, StringComparison.Ordinal);

        var json = CliRun.Run(EnvironmentVariables.None, ShippedPlugins.Directory, "workload", "--arch", "arm64", "--pages", "1024", "--ops", "5000", "--seed", "1", "--json").Json();
        Assert.False(json.GetProperty("pmd_thp").GetBoolean());
        Assert.Equal(0, json.GetProperty("pmd").GetProperty("thp_faults").GetInt64());
    }

    [Fact]
    public void Pmd_thp_with_too_few_pages_to_cover_a_pmd_warns_on_stderr()
    {
        var result = CliRun.Run(EnvironmentVariables.None, ShippedPlugins.Directory, "workload", "--arch", "x86_64", "--pmd-thp", "--ops", "500", "--seed", "1");
        Assert.True(result.ExitCode == 0, result.Out + result.Error);
        Assert.Equal(
            "archpgtable: warning: --pmd-thp with --pages 256: a region needs at least 1024 pages (two PMDs) to cover an aligned PMD wherever it starts; fewer may map no PMD.",
            result.Error.TrimEnd());
        Assert.Contains("  pmd-thp: 0 PMD-mapped THP faults", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void A_value_for_pmd_thp_other_than_true_or_false_is_one_line_on_stderr_and_exit_2()
    {
        var result = CliRun.Run("workload", "--pmd-thp", "maybe", "--ops", "10");
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Out);
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("'maybe'", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Csv_and_json_carry_the_same_run()
    {
        var json = CliRun.Run(EnvironmentVariables.None, ShippedPlugins.Directory, "workload", "--arch", "x86_64", "--ops", "2000", "--json").Json();
        var csv = CliRun.Run(EnvironmentVariables.None, ShippedPlugins.Directory, "workload", "--arch", "x86_64", "--ops", "2000", "--format", "csv").Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("arch,machine,seed,paths,ops,host_ms,kind,step,operation,text,replay", csv[0].TrimEnd('\r'));
        Assert.StartsWith("x86_64,,1,mixed,2000,", csv[1], StringComparison.Ordinal);
        Assert.Equal(2000, json.GetProperty("ops").GetInt64());
        Assert.Equal("archpgtable workload --arch x86_64 --seed 1 --ops 2000", json.GetProperty("replay").GetString());
    }
}
