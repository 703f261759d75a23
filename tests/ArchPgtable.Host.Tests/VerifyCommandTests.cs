using System.Text.Json;
using ArchPgtable.Host.Tests.Support;
using ArchPgtable.Hosting.Configuration;

namespace ArchPgtable.Host.Tests;

/// <summary><c>archpgtable verify</c> on the shipped plugins: the contracts hold; reports in text, JSON and KTAP; usage errors exit 2.</summary>
public sealed class VerifyCommandTests
{
    [Fact]
    public void Verify_passes_on_generic()
    {
        var result = CliRun.Run("verify", "--arch", "generic", "--cases", "60");

        Assert.True(result.ExitCode == ExitCodes.Ok, result.Out + result.Error);
        Assert.Contains("generic: all properties hold", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("FAIL", result.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("CONFIG_ARM64_CONTPTE=y", "CONFIG_ARM64_HW_AFDBM=y")]
    [InlineData("CONFIG_ARM64_CONTPTE=n", "CONFIG_ARM64_HW_AFDBM=n")]
    [InlineData("CONFIG_ARM64_64K_PAGES=y", "CONFIG_ARM64_HW_AFDBM=y")]
    public void Verify_passes_on_arm64(string set1, string set2)
    {
        var result = CliRun.Run(EnvironmentVariables.None, ShippedPlugins.Directory,
            "verify", "--arch", "arm64", "--set", set1, "--set", set2, "--cases", "60");

        Assert.True(result.ExitCode == ExitCodes.Ok, result.Out + result.Error);
        Assert.Contains("arm64: all properties hold", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_lists_every_property_with_name_helper_passed_cases_seed_and_counterexample()
    {
        var result = CliRun.Run("verify", "--arch", "generic", "--cases", "20", "--helper", "clear_young_dirty_ptes", "--format", "json", "--seed", "1");

        var root = result.Json();
        Assert.Equal("1", root.GetProperty("seed").GetString());
        Assert.Equal(1UL, root.GetProperty("run_seed").GetUInt64());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("replay_token").ValueKind);
        var json = Assert.Single(root.GetProperty("builds").EnumerateArray());
        Assert.Equal("generic", json.GetProperty("arch").GetString());
        Assert.True(json.GetProperty("passed").GetBoolean());
        var properties = json.GetProperty("properties").EnumerateArray().ToList();
        Assert.Equal(["clear_young_dirty_ptes/contract", "clear_young_dirty_ptes/race"], properties.Select(p => p.GetProperty("name").GetString()));
        Assert.All(properties, p =>
        {
            Assert.Equal("clear_young_dirty_ptes", p.GetProperty("helper").GetString());
            Assert.True(p.GetProperty("passed").GetBoolean());
            var skipped = p.GetProperty("status").GetString() == "skip";
            Assert.Equal(skipped ? JsonValueKind.Null : JsonValueKind.String, p.GetProperty("seed").ValueKind);
            Assert.Equal(JsonValueKind.Null, p.GetProperty("counterexample").ValueKind);
        });
        Assert.Equal(20, properties[0].GetProperty("cases").GetInt64());
        Assert.Equal(JsonValueKind.String, properties[1].GetProperty("skipped").ValueKind);
    }

    [Theory]
    [InlineData("x86_64", "pass")]
    [InlineData("riscv64", "pass")]
    [InlineData("generic", "skip")]
    public void The_pmd_helper_properties_are_listed_in_every_format(string arch, string raceStatus)
    {
        string[] args = ["verify", "--arch", arch, "--cases", "10", "--helper", "pmdp_set_wrprotect", "--seed", "1", "--machine", "default"];
        CliResult Run(params string[] extra) => CliRun.Run(EnvironmentVariables.None, ShippedPlugins.Directory, [.. args, .. extra]);
        var json = Run("--format", "json").Json();
        var properties = Assert.Single(json.GetProperty("builds").EnumerateArray()).GetProperty("properties").EnumerateArray().ToList();
        Assert.Equal(["pmdp_set_wrprotect/contract", "pmdp_set_wrprotect/race"], properties.Select(p => p.GetProperty("name").GetString()));
        Assert.Equal(["pass", raceStatus], properties.Select(p => p.GetProperty("status").GetString()));

        var text = Run();
        Assert.Equal(ExitCodes.Ok, text.ExitCode);
        Assert.Contains("PASS pmdp_set_wrprotect/contract", text.Out, StringComparison.Ordinal);
        Assert.Contains("pmdp_set_wrprotect/race", Run("--format", "ktap").Out, StringComparison.Ordinal);
        Assert.Contains("pmdp_set_wrprotect/race", Run("--format", "csv").Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Ktap_is_version_1_with_a_plan_a_subtest_and_skip_directives()
    {
        var result = CliRun.Run("verify", "--arch", "generic", "--cases", "10", "--helper", "wrprotect_ptes", "--format", "ktap");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        var lines = result.Out.TrimEnd().Split(Environment.NewLine);
        Assert.Equal("KTAP version 1", lines[0]);
        Assert.Equal("1..1", lines[1]);
        Assert.StartsWith("# seed: ", lines[2], StringComparison.Ordinal);
        Assert.Equal("    KTAP version 1", lines[3]);
        Assert.Equal("    # Subtest: generic", lines[4]);
        Assert.Contains("    1..2", lines);
        Assert.Contains("    ok 1 wrprotect_ptes/contract", lines);
        Assert.Contains(lines, l => l.StartsWith("    ok 2 wrprotect_ptes/race # SKIP ", StringComparison.Ordinal));
        Assert.Equal("ok 1 generic", lines[^1]);
    }

    [Fact]
    public void All_verifies_every_plugin_found()
    {
        var result = CliRun.Run(EnvironmentVariables.None, ShippedPlugins.Directory, "verify", "--all", "--cases", "10", "--format", "json");

        // Every shipped plugin passes; riscv64's declared known finding may show as xfail (or xpass
        // when 10 cases miss it), never as a failure.
        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        using var json = System.Text.Json.JsonDocument.Parse(result.Out);
        var builds = json.RootElement.GetProperty("builds").EnumerateArray().ToList();
        var plugins = builds.Select(p => p.GetProperty("arch").GetString()).ToList();
        foreach (var build in builds)
        {
            Assert.True(build.GetProperty("passed").GetBoolean(), build.GetProperty("arch").GetString());
            foreach (var property in build.GetProperty("properties").EnumerateArray())
            {
                var status = property.GetProperty("status").GetString();
                var known = property.GetProperty("known_finding").ValueKind != System.Text.Json.JsonValueKind.Null;
                Assert.True(status is "pass" or "skip" || (known && status is "xfail" or "xpass"),
                    $"{build.GetProperty("arch").GetString()} {property.GetProperty("name").GetString()}: {status}");
            }
        }

        // Plain verify runs every preset machine of each arch; the default machine keeps the plain label.
        Assert.Equal(["arm64", "generic", "riscv64", "x86_64"], plugins.Where(p => !p!.Contains(" [machine ", StringComparison.Ordinal)));
        Assert.Contains("arm64 [machine smmu-no-httu]", plugins);
        Assert.Contains("x86_64 [machine iommu]", plugins);
        Assert.Contains("riscv64 [machine iommu-no-ad]", plugins);
    }

    [Theory]
    [InlineData("verify", "--format", "xml")]
    [InlineData("verify", "--cases", "0")]
    [InlineData("verify", "--helper", "no_such_helper")]
    [InlineData("verify", "--all", "--plugin", "x.dll")]
    [InlineData("verify", "--plugin", "/nonexistent/plugin.dll")]
    public void Usage_and_load_errors_exit_2(params string[] args)
    {
        var result = CliRun.Run(EnvironmentVariables.None, ShippedPlugins.Directory, args);

        Assert.Equal(ExitCodes.UsageError, result.ExitCode);
        Assert.StartsWith("archpgtable: error: ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_declared_known_finding_is_an_xfail_with_its_counterexample_and_fails_only_with_strict()
    {
        string[] args = ["verify", "--arch", "riscv64", "--machine", "default", "--helper", "ptep_set_access_flags", "--cases", "4000", "--seed", "1"];

        var json = CliRun.Run(EnvironmentVariables.None, ShippedPlugins.Directory, [.. args, "--format", "json"]);
        var text = CliRun.Run(EnvironmentVariables.None, ShippedPlugins.Directory, args);
        var ktap = CliRun.Run(EnvironmentVariables.None, ShippedPlugins.Directory, [.. args, "--format", "ktap"]);
        var strict = CliRun.Run(EnvironmentVariables.None, ShippedPlugins.Directory, [.. args, "--strict", "--format", "ktap"]);

        Assert.Equal(ExitCodes.Ok, json.ExitCode);
        using var doc = System.Text.Json.JsonDocument.Parse(json.Out);
        Assert.True(doc.RootElement.GetProperty("passed").GetBoolean());
        var race = doc.RootElement.GetProperty("builds")[0].GetProperty("properties").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "ptep_set_access_flags/race");
        Assert.Equal("xfail", race.GetProperty("status").GetString());
        Assert.False(race.GetProperty("passed").GetBoolean());
        Assert.Contains("arch/riscv/mm/pgtable.c", race.GetProperty("known_finding").GetProperty("reference").GetString(), StringComparison.Ordinal);
        Assert.Contains("lost the dirty state", race.GetProperty("counterexample").GetProperty("text").GetString(), StringComparison.Ordinal);

        Assert.Equal(ExitCodes.Ok, text.ExitCode);
        Assert.Contains("XFAIL ptep_set_access_flags/race", text.Out, StringComparison.Ordinal);
        Assert.Contains("riscv64: no unexpected failure, known upstream finding(s) reproduced (2 held, 0 failed, 1 XFAIL, 0 XPASS, 0 skipped)", text.Out, StringComparison.Ordinal);

        Assert.Equal(ExitCodes.Ok, ktap.ExitCode);
        Assert.Matches(@"(?m)^    ok 2 ptep_set_access_flags/race # XFAIL ", ktap.Out);

        Assert.Equal(ExitCodes.CheckFailed, strict.ExitCode);
        Assert.Matches(@"(?m)^    not ok 2 ptep_set_access_flags/race$", strict.Out);
    }

    [Theory]
    [InlineData("CONFIG_RISCV_ISA_SVADU=y", 1)]
    [InlineData("CONFIG_RISCV_ISA_SVADU=n", 0)]
    public void Info_lists_the_known_findings_of_the_selected_build(string svadu, int expected)
    {
        var result = CliRun.Run(EnvironmentVariables.None, ShippedPlugins.Directory, "info", "--json", "--arch", "riscv64", "--set", svadu);

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        using var doc = System.Text.Json.JsonDocument.Parse(result.Out);
        var findings = doc.RootElement.GetProperty("known_findings").EnumerateArray().ToList();
        Assert.Equal(expected, findings.Count);
        Assert.All(findings, f =>
        {
            Assert.Equal(["property", "reason", "reference"], f.EnumerateObject().Select(p => p.Name));
            Assert.Equal("ptep_set_access_flags/race", f.GetProperty("property").GetString());
        });
    }
}
