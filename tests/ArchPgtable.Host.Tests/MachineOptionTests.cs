using ArchPgtable.Host.Tests.Support;
using ArchPgtable.Hosting.Configuration;

namespace ArchPgtable.Host.Tests;

/// <summary><c>--machine PRESET|FILE</c>: presets, machine files, the effective per-agent capabilities in <c>info</c>, and bad input.</summary>
public sealed class MachineOptionTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("archpgtable-machine-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static CliResult Run(params string[] args) => CliRun.Run(EnvironmentVariables.None, ShippedPlugins.Directory, args);

    private string File(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        System.IO.File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Info_json_shows_the_smmu_without_httu_preset_with_effective_capabilities()
    {
        var machine = Run("info", "--arch", "arm64", "--machine", "smmu-no-httu", "--json").Json().GetProperty("machine");

        Assert.Equal("smmu-no-httu", machine.GetProperty("name").GetString());
        var agents = machine.GetProperty("agents").EnumerateArray().ToList();
        Assert.Equal(["cpu0", "cpu1", "cpu2", "cpu3", "smmu0"], agents.Select(a => a.GetProperty("name").GetString()));
        var smmu = agents[^1];
        Assert.Equal("smmu", smmu.GetProperty("kind").GetString());
        Assert.False(smmu.GetProperty("effective").GetProperty("access_flag").GetBoolean());
        Assert.False(smmu.GetProperty("effective").GetProperty("dirty").GetBoolean());
        Assert.True(agents[0].GetProperty("effective").GetProperty("dirty").GetBoolean());
        Assert.False(machine.GetProperty("bbml2_noabort").GetBoolean());
    }

    [Fact]
    public void Effective_hardware_dirty_is_the_agent_and_the_kernel_config()
    {
        var cpu = Run("info", "--arch", "arm64", "--machine", "hafdbs", "--set", "CONFIG_ARM64_HW_AFDBM=n", "--json")
            .Json().GetProperty("machine").GetProperty("agents")[0];

        Assert.True(cpu.GetProperty("can").GetProperty("dirty").GetBoolean());
        Assert.False(cpu.GetProperty("effective").GetProperty("dirty").GetBoolean());
        Assert.False(cpu.GetProperty("effective").GetProperty("access_flag").GetBoolean());
        Assert.Contains("CONFIG_ARM64_HW_AFDBM=n", cpu.GetProperty("note").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Bbml2_counts_only_when_every_agent_has_it()
    {
        Assert.True(Run("info", "--arch", "arm64", "--machine", "bbml2", "--json").Json().GetProperty("machine").GetProperty("bbml2_noabort").GetBoolean());
        var file = File("half.json", """{"agents": [{"name": "cpu", "count": 2, "bbml2_noabort": true}, {"name": "smmu0", "kind": "smmu", "bbml2_noabort": false}]}""");
        Assert.False(Run("info", "--arch", "arm64", "--machine", file, "--json").Json().GetProperty("machine").GetProperty("bbml2_noabort").GetBoolean());
    }

    [Fact]
    public void A_machine_file_describes_the_rest()
    {
        var file = File("box.json", """
            { "name": "box", "description": "two DBM CPUs and an HTTU SMMU",
              "agents": [ { "name": "cpu", "count": 2 },
                          { "name": "smmu0", "kind": "smmu", "hardware_access_flag": true, "hardware_dirty": false, "block_entry": "first", "tlb_entries": 64 } ] }
            """);

        var machine = Run("info", "--arch", "arm64", "--machine", file, "--json").Json().GetProperty("machine");

        Assert.Equal("box", machine.GetProperty("name").GetString());
        var agents = machine.GetProperty("agents").EnumerateArray().ToList();
        Assert.Equal(["cpu0", "cpu1", "smmu0"], agents.Select(a => a.GetProperty("name").GetString()));
        Assert.Equal("first", agents[2].GetProperty("block_entry").GetString());
        Assert.Equal(64, agents[2].GetProperty("tlb_entries").GetInt32());
    }

    [Fact]
    public void Info_text_lists_the_agents()
    {
        var result = Run("info", "--arch", "riscv64", "--machine", "iommu");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Machine iommu", result.Out, StringComparison.Ordinal);
        Assert.Contains("iommu0", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_preset_is_one_line_naming_it_and_the_presets()
    {
        AssertBad(Run("info", "--arch", "arm64", "--machine", "nosuch"), "'nosuch' is not a preset of arm64 (default, hafdbs");
    }

    [Fact]
    public void An_unreadable_machine_file_is_one_line()
    {
        AssertBad(Run("info", "--machine", Path.Combine(_dir, "missing.json")), "cannot be read");
    }

    [Fact]
    public void A_malformed_machine_file_is_one_line()
    {
        AssertBad(Run("info", "--machine", File("bad.json", "{ \"agents\": [ ")), "is not valid JSON");
        AssertBad(Run("info", "--machine", File("key.json", """{"agents": [{"name": "cpu", "hw_dirty": true}]}""")), "unknown key \"hw_dirty\"");
        AssertBad(Run("info", "--machine", File("kind.json", """{"agents": [{"kind": "gpu"}]}""")), "agents[0].kind must be one of cpu, smmu, iommu");
    }

    [Theory]
    [InlineData("x86_64", """{"agents": [{"name": "cpu", "hardware_dirty": false}]}""", "x86 hardware always sets Accessed and Dirty")]
    [InlineData("arm64", """{"agents": [{"name": "cpu", "hardware_access_flag": false, "hardware_dirty": true}]}""", "needs the hardware access flag")]
    [InlineData("arm64", """{"agents": [{"name": "cpu"}, {"name": "io", "kind": "iommu"}]}""", "has no iommu agents")]
    [InlineData("x86_64", """{"agents": [{"name": "cpu", "bbml2_noabort": true}]}""", "bbml2_noabort is an arm64 feature")]
    [InlineData("riscv64", """{"agents": [{"name": "cpu", "hardware_access_flag": true, "hardware_dirty": false}]}""", "A and D in hardware together")]
    [InlineData("arm64", """{"agents": [{"name": "smmu0", "kind": "smmu"}]}""", "has no CPU agent")]
    public void An_agent_capability_the_arch_cannot_have_is_one_line(string arch, string text, string expected)
    {
        AssertBad(Run("info", "--arch", arch, "--machine", File("cap.json", text)), expected);
    }

    [Fact]
    public void Lazyfree_runs_on_a_multi_agent_preset_and_every_agent_touches_the_region()
    {
        var result = Run("lazyfree", "--arch", "arm64", "--machine", "smmu-no-httu", "--size", "4M", "--folio", "64K");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("machine smmu-no-httu", result.Out, StringComparison.Ordinal);
        Assert.Contains("no fault livelock", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Lazyfree_on_the_default_machine_prints_no_machine_line()
    {
        var result = Run("lazyfree", "--arch", "arm64", "--size", "4M", "--folio", "64K");

        Assert.Equal(0, result.ExitCode);
        Assert.DoesNotContain("machine", result.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("arm64")]
    [InlineData("x86_64")]
    [InlineData("riscv64")]
    [InlineData("generic")]
    public void Verify_json_lists_the_two_machine_properties_for_every_arch(string arch)
    {
        var json = Run("verify", "--arch", arch, "--machine", "default", "--helper", "ptep_set_access_flags", "--cases", "20", "--format", "json").Json();
        var lockless = Run("verify", "--arch", arch, "--machine", "default", "--helper", "ptep_get_lockless", "--cases", "20", "--format", "json").Json();

        Assert.Contains("ptep_set_access_flags/fault-progress", json.GetProperty("builds")[0].GetProperty("properties").EnumerateArray().Select(p => p.GetProperty("name").GetString()));
        Assert.Contains("ptep_get_lockless/race", lockless.GetProperty("builds")[0].GetProperty("properties").EnumerateArray().Select(p => p.GetProperty("name").GetString()));
    }

    [Fact]
    public void Plain_verify_runs_every_preset_and_reports_each()
    {
        var result = Run("verify", "--arch", "arm64", "--helper", "ptep_set_access_flags", "--cases", "30");

        Assert.Equal(0, result.ExitCode);
        foreach (var preset in new[] { "hafdbs", "no-dbm", "mixed-dbm", "smmu-no-httu", "smmu-httu", "bbml2" })
        {
            Assert.Contains($"arm64 [machine {preset}]: all properties hold", result.Out, StringComparison.Ordinal);
        }

        Assert.Contains("arm64: all properties hold", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_with_a_machine_runs_only_that_machine()
    {
        var json = Run("verify", "--arch", "arm64", "--machine", "smmu-no-httu", "--helper", "ptep_set_access_flags", "--cases", "30", "--format", "json").Json();

        var build = Assert.Single(json.GetProperty("builds").EnumerateArray());
        Assert.Equal("smmu-no-httu", build.GetProperty("machine").GetString());
        Assert.Equal("arm64 [machine smmu-no-httu]", build.GetProperty("arch").GetString());
    }

    private static void AssertBad(CliResult result, string expected)
    {
        Assert.Equal(2, result.ExitCode);
        Assert.Empty(result.Out);
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("archpgtable: error: ", line, StringComparison.Ordinal);
        Assert.Contains(expected, line, StringComparison.Ordinal);
    }
}
