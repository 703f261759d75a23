using ArchPgtable.Host.Tests.Support;
using ArchPgtable.Hosting.Configuration;
using NSubstitute;

namespace ArchPgtable.Host.Tests;

/// <summary>defconfig &lt; --config file &lt; environment &lt; --set, on the in-box generic arch (CONFIG_DEBUG_VM defaults to y).</summary>
public sealed class ConfigPrecedenceTests : IDisposable
{
    internal const string DebugVm = "CONFIG_DEBUG_VM";
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("archpgtable-config-tests-");

    public void Dispose() => _dir.Delete(recursive: true);

    private string WriteConfig(string text, string name = "test.config")
    {
        var path = Path.Combine(_dir.FullName, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static Dictionary<string, string> Env(string value) => new() { ["ARCHPGTABLE_CONFIG_DEBUG_VM"] = value };

    [Fact]
    public void The_defconfig_applies_when_nothing_is_set() =>
        Assert.Equal("y", CliRun.Run("info", "--json").Config()[DebugVm]);

    [Fact]
    public void The_config_file_wins_over_the_defconfig() =>
        Assert.Equal("n", CliRun.Run("info", "--json", "--config", WriteConfig($"# {DebugVm} is not set\n")).Config()[DebugVm]);

    [Fact]
    public void The_environment_wins_over_the_config_file() =>
        Assert.Equal("y", CliRun.Run(Env("y"), "info", "--json", "--config", WriteConfig($"{DebugVm}=n\n")).Config()[DebugVm]);

    [Fact]
    public void Set_wins_over_the_environment() =>
        Assert.Equal("n", CliRun.Run(Env("y"), "info", "--json", "--config", WriteConfig($"{DebugVm}=n\n"), "--set", $"{DebugVm}=n").Config()[DebugVm]);

    [Fact]
    public void The_last_set_wins() =>
        Assert.Equal("y", CliRun.Run("info", "--json", "--set", $"{DebugVm}=n", "--set", $"{DebugVm}=y").Config()[DebugVm]);

    [Fact]
    public void Environment_variables_come_from_the_injected_source_not_the_process()
    {
        var env = Substitute.For<IEnvironmentVariables>();
        env.GetAll().Returns(new Dictionary<string, string>
        {
            ["ARCHPGTABLE_CONFIG_TRANSPARENT_HUGEPAGE"] = "n",
            ["ARCHPGTABLE_SOMETHING_ELSE"] = "ignored",
            ["PATH"] = "/usr/bin",
        });

        var config = CliRun.Run(env, null, "info", "--json").Config();

        Assert.Equal("n", config["CONFIG_TRANSPARENT_HUGEPAGE"]);
        env.Received(1).GetAll();
    }

    [Fact]
    public void An_unknown_symbol_is_a_warning_naming_where_it_came_from()
    {
        var json = CliRun.Run(new Dictionary<string, string> { ["ARCHPGTABLE_CONFIG_NOT_A_SYMBOL"] = "y" },
            "info", "--json", "--set", "CONFIG_ALSO_UNKNOWN=y").Json();

        var warnings = json.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()!).ToList();
        Assert.Equal(2, warnings.Count);
        Assert.StartsWith("ARCHPGTABLE_CONFIG_NOT_A_SYMBOL: CONFIG_NOT_A_SYMBOL is not a symbol arch 'generic' honours", warnings[0], StringComparison.Ordinal);
        Assert.StartsWith("--set: CONFIG_ALSO_UNKNOWN", warnings[1], StringComparison.Ordinal);
        Assert.False(json.GetProperty("config").TryGetProperty("CONFIG_NOT_A_SYMBOL", out _));
    }

    [Fact]
    public void Config_warnings_are_shown_in_the_text_view()
    {
        var result = CliRun.Run("info", "--set", "CONFIG_NOPE=y");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Warnings:", result.Out, StringComparison.Ordinal);
        Assert.Contains("--set: CONFIG_NOPE is not a symbol arch 'generic' honours; ignored.", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_config_line_exits_2_with_file_and_line()
    {
        var file = WriteConfig($"# a comment\n{DebugVm}=y\nthis is not config\n", "broken.config");

        var result = CliRun.Run("info", "--config", file);

        Assert.Equal(2, result.ExitCode);
        Assert.Empty(result.Out);
        Assert.Equal(
            "archpgtable: error: broken.config:3: malformed line 'this is not config': expected CONFIG_NAME=value, '# CONFIG_NAME is not set' or ARCH=name."
                + Environment.NewLine,
            result.Error);
    }

    [Fact]
    public void A_value_of_the_wrong_type_in_the_file_exits_2_with_file_and_line()
    {
        var result = CliRun.Run("info", "--config", WriteConfig($"\n{DebugVm}=42\n", "typed.config"));

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"archpgtable: error: typed.config:2: {DebugVm} is bool", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_config_file_exits_2()
    {
        var missing = Path.Combine(_dir.FullName, "missing.config");

        var result = CliRun.Run("info", "--config", missing);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"archpgtable: error: config file '{missing}' does not exist.{Environment.NewLine}", result.Error);
    }

    [Fact]
    public void A_malformed_set_exits_2()
    {
        var result = CliRun.Run("info", "--set", "DEBUG_VM=y");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--set: assignment 1 malformed line 'DEBUG_VM=y'", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_environment_value_exits_2_naming_the_variable()
    {
        var result = CliRun.Run(Env("yes"), "info");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("archpgtable: error: ARCHPGTABLE_CONFIG_DEBUG_VM: ", result.Error, StringComparison.Ordinal);
        Assert.Contains("'yes'", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_arch_from_the_environment_exits_2_listing_the_arches()
    {
        var result = CliRun.Run(new Dictionary<string, string> { ["ARCHPGTABLE_ARCH"] = "sparc" }, "info");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"archpgtable: error: unknown arch 'sparc' (from ARCHPGTABLE_ARCH); arches found: generic.{Environment.NewLine}", result.Error);
    }

    [Fact]
    public void An_unknown_arch_from_the_config_file_names_its_line()
    {
        var result = CliRun.Run("info", "--config", WriteConfig("# x\nARCH=mips\n", "arch.config"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("unknown arch 'mips' (from arch.config:2); arches found: generic.", result.Error, StringComparison.Ordinal);
    }
}
