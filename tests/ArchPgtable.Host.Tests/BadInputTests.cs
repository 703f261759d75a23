using ArchPgtable.Host.Tests.Support;
using ArchPgtable.Hosting.Configuration;

namespace ArchPgtable.Host.Tests;

/// <summary>Issue 14 item 2: every bad input gives exit 2 and exactly one line on stderr naming the problem, and nothing on stdout.</summary>
public sealed class BadInputTests
{
    private static CliResult Run(params string[] args) => CliRun.Run(EnvironmentVariables.None, ShippedPlugins.Directory, args);

    private static void AssertOneLineError(CliResult result, string expected)
    {
        Assert.Equal(ExitCodes.UsageError, result.ExitCode);
        Assert.Empty(result.Out);
        var line = Assert.Single(result.Error.TrimEnd().Split(Environment.NewLine));
        Assert.StartsWith("archpgtable: error: ", line, StringComparison.Ordinal);
        Assert.Contains(expected, line, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("1.5")]
    [InlineData("99999999999")]
    [InlineData("-3")]
    public void Verify_cases_that_are_not_a_count(string cases) =>
        AssertOneLineError(Run("verify", "--cases", cases), $"--cases '{cases}' is not a whole number");

    [Theory]
    [InlineData("banana!")]
    [InlineData("99999999999999999999")]
    [InlineData("1.5")]
    public void Verify_seed_that_is_neither_an_integer_nor_a_token(string seed) =>
        AssertOneLineError(Run("verify", "--seed", seed), "--seed");

    [Fact]
    public void Verify_seed_1_is_a_run_seed_not_an_internal_error()
    {
        var result = Run("verify", "--arch", "generic", "--seed", "1", "--helper", "wrprotect_ptes", "--cases", "10");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Empty(result.Error);
        Assert.StartsWith("seed: 1 (--seed 1 replays this run)", result.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0/2")]
    [InlineData("3/2")]
    [InlineData("1/0")]
    [InlineData("x")]
    [InlineData("1/2/3")]
    public void Verify_shard_out_of_range(string shard) =>
        AssertOneLineError(Run("verify", "--shard", shard), $"--shard '{shard}' is not i/n");

    [Fact]
    public void Lazyfree_size_beyond_host_memory_names_the_figure() =>
        AssertOneLineError(Run("lazyfree", "--size", "1T"), "MiB of host memory");

    [Theory]
    [InlineData("info")]
    [InlineData("verify", "--helper", "pte_batch_hint", "--cases", "5")]
    [InlineData("lazyfree", "--size", "4M", "--folio", "4K")]
    public void A_symbol_typo_warns_on_stderr_in_every_command(params string[] args)
    {
        var result = Run([.. args, "--set", "CONFIG_ARM64_CONTPT=n"]);

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        var line = Assert.Single(result.Error.TrimEnd().Split(Environment.NewLine));
        Assert.Equal("archpgtable: warning: --set: CONFIG_ARM64_CONTPT is not a symbol arch 'arm64' honours; ignored.", line);
    }

    [Theory]
    [InlineData("info")]
    [InlineData("verify", "--helper", "pte_batch_hint", "--cases", "5")]
    [InlineData("lazyfree", "--size", "4M", "--folio", "4K")]
    public void Strict_config_makes_a_warning_an_error(params string[] args) =>
        AssertOneLineError(Run([.. args, "--set", "CONFIG_ARM64_CONTPT=n", "--strict-config"]), "CONFIG_ARM64_CONTPT is not a symbol arch 'arm64' honours");

    [Fact]
    public void A_dependency_forced_off_warns()
    {
        var result = Run("info", "--set", "CONFIG_TRANSPARENT_HUGEPAGE=n");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Contains("archpgtable: warning: CONFIG_ARM64_CONTPTE=y (default) depends on CONFIG_TRANSPARENT_HUGEPAGE", result.Error, StringComparison.Ordinal);
        AssertOneLineError(Run("info", "--set", "CONFIG_TRANSPARENT_HUGEPAGE=n", "--strict-config"), "forced to n");
    }

    [Fact]
    public void Conflicting_choice_members_warn_and_say_which_wins()
    {
        var result = Run("info", "--json", "--set", "CONFIG_ARM64_16K_PAGES=y", "--set", "CONFIG_ARM64_64K_PAGES=y");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        var line = Assert.Single(result.Error.TrimEnd().Split(Environment.NewLine));
        Assert.Contains("conflict; the later, CONFIG_ARM64_64K_PAGES, wins", line, StringComparison.Ordinal);
        Assert.Equal("y", result.Config()["CONFIG_ARM64_64K_PAGES"]);
    }

    [Fact]
    public void Config_that_is_a_directory() =>
        AssertOneLineError(Run("info", "--config", Path.GetTempPath()), "is a directory; expected a kernel .config file");

    [Fact]
    public void Plugins_that_is_a_file() =>
        AssertOneLineError(Run("info", "--plugins", ShippedPlugins.Arm64), "is a file; expected a directory");

    [Theory]
    [InlineData("lazyfre", "did you mean 'lazyfree'?")]
    [InlineData("verfy", "did you mean 'verify'?")]
    [InlineData("frobnicate", "unknown command 'frobnicate'; commands: info, lazyfree, verify")]
    public void An_unknown_command_is_one_line_with_did_you_mean(string command, string expected) =>
        AssertOneLineError(Run(command), expected);

    [Theory]
    [InlineData("info")]
    [InlineData("lazyfree", "--size", "4M", "--folio", "4K")]
    [InlineData("verify", "--helper", "pte_batch_hint", "--cases", "5")]
    public void A_plugin_file_that_fails_to_load_warns_in_every_command(params string[] args)
    {
        using var broken = BrokenPluginFolder.Create();

        var result = Run([.. args, "--plugins", broken.Path]);

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        var line = Assert.Single(result.Error.TrimEnd().Split(Environment.NewLine));
        Assert.Equal($"archpgtable: warning: plugin {broken.File}: not a .NET assembly; skipped.", line);
    }

    [Fact]
    public void Verify_all_exits_2_on_a_broken_plugin_unless_told_to_skip_it()
    {
        using var broken = BrokenPluginFolder.Create();

        AssertOneLineError(Run("verify", "--all", "--plugins", broken.Path, "--cases", "5"), "--skip-broken-plugins");

        var skipped = Run("verify", "--all", "--plugins", broken.Path, "--cases", "5", "--helper", "pte_batch_hint", "--skip-broken-plugins");
        Assert.Equal(ExitCodes.Ok, skipped.ExitCode);
        Assert.Contains("not a .NET assembly", Assert.Single(skipped.Error.TrimEnd().Split(Environment.NewLine)), StringComparison.Ordinal);
    }

    [Fact]
    public void Thp_off_maps_only_base_pages_and_a_large_folio_is_an_error()
    {
        string[] thpOff = ["--set", "CONFIG_TRANSPARENT_HUGEPAGE=n", "--set", "CONFIG_ARM64_CONTPTE=n"];
        var json = Run(["lazyfree", "--size", "4M", "--json", .. thpOff]).Json();

        Assert.Equal([4096UL], json.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("folio_bytes").GetUInt64()));
        Assert.Empty(json.GetProperty("not_modelled").EnumerateArray());
        AssertOneLineError(Run(["lazyfree", "--size", "4M", "--folio", "64K", .. thpOff]),
            "folio size 64K needs CONFIG_TRANSPARENT_HUGEPAGE=y");
    }

    [Fact]
    public void Lazyfree_on_64K_pages_runs_the_folio_list_of_that_page_size()
    {
        var result = Run("lazyfree", "--size", "64M", "--json", "--set", "CONFIG_ARM64_64K_PAGES=y");

        Assert.True(result.ExitCode == ExitCodes.Ok, result.Error);
        var json = result.Json();
        var folios = json.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("folio_bytes").GetUInt64()).ToList();
        Assert.Equal(64UL << 10, folios[0]);
        Assert.Equal(256UL << 10, folios[1]);
        Assert.All(folios, f => Assert.Equal(0UL, f % (64UL << 10)));
        Assert.DoesNotContain(512UL << 20, folios);     // the 512M PMD does not fit --size 64M: left out of the default list
        Assert.Empty(json.GetProperty("not_modelled").EnumerateArray());
    }

    /// <summary>A plugins folder holding one file that is not an assembly.</summary>
    private sealed class BrokenPluginFolder : IDisposable
    {
        private BrokenPluginFolder(string path)
        {
            Path = path;
            File = System.IO.Path.Combine(path, "Junk.dll");
            System.IO.File.WriteAllText(File, "not an assembly");
        }

        public string Path { get; }

        public string File { get; }

        public static BrokenPluginFolder Create() =>
            new(Directory.CreateTempSubdirectory("archpgtable-broken-").FullName);

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
