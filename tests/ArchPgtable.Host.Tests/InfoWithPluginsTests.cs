using ArchPgtable.Host.Tests.Support;
using ArchPgtable.Hosting.Configuration;

namespace ArchPgtable.Host.Tests;

/// <summary><c>info</c> against real plugins: the #define view, diagnostics, the default arch rule, clashes.</summary>
[Collection(PluginBuildsCollection.Name)]
public sealed class InfoWithPluginsTests(PluginBuilds builds)
{
    [Fact]
    public void The_define_view_shows_the_arch_override_and_the_generic_defaults()
    {
        var dir = builds.NewPluginsDirectory();
        builds.PlaceTestArch(dir);

        var json = CliRun.Run("info", "--json", "--plugins", dir, "--arch", "testarch").Json();

        Assert.Equal("testarch", json.GetProperty("arch").GetString());
        var helpers = json.GetProperty("helpers").EnumerateArray()
            .ToDictionary(h => h.GetProperty("name").GetString()!, h => (h.GetProperty("provider").GetString(), h.GetProperty("impl").GetString()));
        Assert.Equal(("testarch", PluginSources.OverrideImpl), helpers["clear_young_dirty_ptes"]);
        Assert.All(helpers.Where(h => h.Key != "clear_young_dirty_ptes"), h => Assert.Equal("generic", h.Value.Item1));
        Assert.Equal(("generic", "mkold_clean_ptes"), helpers["mkold_clean_ptes"]);
    }

    [Fact]
    public void Plugins_are_listed_with_arch_assembly_and_version()
    {
        var dir = builds.NewPluginsDirectory();
        var main = builds.PlaceTestArch(dir);

        var plugins = CliRun.Run("info", "--json", "--plugins", dir).Json().GetProperty("plugins").EnumerateArray()
            .Select(p => (p.GetProperty("arch").GetString(), p.GetProperty("assembly").GetString(), p.GetProperty("version").GetString()))
            .ToList();

        Assert.Equal(2, plugins.Count);
        Assert.Equal("generic", plugins[0].Item1);
        Assert.EndsWith("ArchPgtable.Generic.dll", plugins[0].Item2, StringComparison.Ordinal);
        Assert.Equal(("testarch", main, "1.2.0.0"), plugins[1]);
    }

    [Fact]
    public void A_garbage_plugin_is_reported_and_info_still_succeeds()
    {
        var dir = builds.NewPluginsDirectory();
        var junk = PluginBuilds.PlaceGarbage(dir);

        var json = CliRun.Run("info", "--json", "--plugins", dir).Json();

        Assert.Equal([$"error: {junk}: not a .NET assembly; skipped."],
            json.GetProperty("diagnostics").EnumerateArray().Select(d => d.GetString()));
        Assert.Equal("generic", json.GetProperty("arch").GetString());
    }

    [Fact]
    public void A_garbage_file_in_the_default_plugins_folder_is_reported_and_info_still_succeeds()
    {
        var dir = builds.NewPluginsDirectory();
        var junk = PluginBuilds.PlaceGarbage(dir);

        var result = CliRun.Run(EnvironmentVariables.None, dir, "info");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains(junk, result.Out, StringComparison.Ordinal);
        Assert.Contains("not a .NET assembly; skipped.", result.Out, StringComparison.Ordinal);
        Assert.Equal($"archpgtable: warning: plugin {junk}: not a .NET assembly; skipped.", result.Error.TrimEnd());
    }

    [Fact]
    public void Without_an_arch_the_default_is_generic_when_no_arm64_plugin_is_found()
    {
        var dir = builds.NewPluginsDirectory();
        builds.PlaceTestArch(dir);

        Assert.Equal("generic", CliRun.Run("info", "--json", "--plugins", dir).Json().GetProperty("arch").GetString());
    }

    [Fact]
    public void Without_an_arch_the_default_is_arm64_when_an_arm64_plugin_is_found()
    {
        var dir = builds.NewPluginsDirectory();
        PluginBuilds.Place(Path.Combine(dir, "FakeArm64"), builds.FakeArm64);

        var result = CliRun.Run("info", "--plugins", dir);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("arm64: arm64, tiny (selected by default)", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_plugins_claiming_one_arch_exit_2_naming_both_files()
    {
        var dir = builds.NewPluginsDirectory();
        var main = builds.PlaceTestArch(dir);
        var clash = PluginBuilds.Place(dir, builds.Clash);

        var result = CliRun.Run("info", "--plugins", dir, "--arch", "generic");

        Assert.Equal(2, result.ExitCode);
        Assert.Empty(result.Out);
        Assert.Equal($"archpgtable: error: arch 'testarch' is claimed by 2 plugins: {clash} and {main}.{Environment.NewLine}", result.Error);
    }

    [Fact]
    public void An_unknown_arch_exits_2_listing_every_arch_found()
    {
        var dir = builds.NewPluginsDirectory();
        builds.PlaceTestArch(dir);

        var result = CliRun.Run("info", "--plugins", dir, "--arch", "x86");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"archpgtable: error: unknown arch 'x86' (from --arch); arches found: generic, testarch.{Environment.NewLine}", result.Error);
    }

    [Fact]
    public void The_arch_follows_the_precedence_of_its_sources()
    {
        var dir = builds.NewPluginsDirectory();
        builds.PlaceTestArch(dir);
        var file = Path.Combine(dir, "arch.config");
        File.WriteAllText(file, "ARCH=testarch\n");

        string Arch(IReadOnlyDictionary<string, string> env, params string[] args) =>
            CliRun.Run(env, ["info", "--json", "--plugins", dir, .. args]).Json().GetProperty("arch").GetString()!;

        var none = new Dictionary<string, string>();
        var envGeneric = new Dictionary<string, string> { ["ARCHPGTABLE_ARCH"] = "generic" };
        var envTestarch = new Dictionary<string, string> { ["ARCHPGTABLE_ARCH"] = "testarch" };
        Assert.Equal("testarch", Arch(none, "--config", file));
        Assert.Equal("generic", Arch(envGeneric, "--config", file));
        Assert.Equal("testarch", Arch(envGeneric, "--config", file, "--set", "ARCH=testarch"));
        Assert.Equal("generic", Arch(envTestarch, "--config", file, "--set", "ARCH=testarch", "--arch", "generic"));
    }

    [Fact]
    public void The_selected_plugins_config_warnings_are_reported()
    {
        var dir = builds.NewPluginsDirectory();
        builds.PlaceTestArch(dir);

        var json = CliRun.Run("info", "--json", "--plugins", dir, "--arch", "testarch",
            "--set", "CONFIG_TRANSPARENT_HUGEPAGE=n", "--set", "CONFIG_TESTARCH_LEVEL=4").Json();

        var config = json.GetProperty("config");
        Assert.Equal("n", config.GetProperty("CONFIG_TESTARCH_FAST").GetString());
        Assert.Equal("4", config.GetProperty("CONFIG_TESTARCH_LEVEL").GetString());
        var warning = Assert.Single(json.GetProperty("warnings").EnumerateArray()).GetString()!;
        Assert.Contains("CONFIG_TESTARCH_FAST", warning, StringComparison.Ordinal);
        Assert.Contains("CONFIG_TRANSPARENT_HUGEPAGE", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void The_text_view_names_the_override()
    {
        var dir = builds.NewPluginsDirectory();
        builds.PlaceTestArch(dir);

        var result = CliRun.Run("info", "--plugins", dir, "--arch", "testarch");

        Assert.Equal(0, result.ExitCode);
        var row = result.Out.Split('\n').Single(l => l.Contains("| clear_young_dirty_ptes ", StringComparison.Ordinal));
        Assert.Contains("| testarch ", row, StringComparison.Ordinal);
        Assert.Contains(PluginSources.OverrideImpl, row, StringComparison.Ordinal);
    }
}
