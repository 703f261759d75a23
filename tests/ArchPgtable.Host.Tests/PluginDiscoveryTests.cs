using ArchPgtable.Host.Tests.Support;
using ArchPgtable.Hosting.Configuration;
using ArchPgtable.Hosting.Discovery;
using ArchPgtable.Plugins;

namespace ArchPgtable.Host.Tests;

/// <summary>Discovery with real plugin assemblies built by Roslyn.</summary>
[Collection(PluginBuildsCollection.Name)]
public sealed class PluginDiscoveryTests(PluginBuilds builds)
{
    private static PluginCatalog Discover(params string[] directories) => PluginCatalog.Discover(null, directories);

    [Fact]
    public void The_in_box_generic_plugin_is_always_there()
    {
        using var catalog = Discover();

        var generic = Assert.Single(catalog.Plugins);
        Assert.Equal("generic", generic.Arch);
        Assert.True(generic.InBox);
        Assert.Equal("ArchPgtable.Generic.dll", generic.AssemblyFile);
        Assert.Empty(catalog.Diagnostics);
    }

    [Fact]
    public void A_good_plugin_in_its_own_subfolder_loads_with_its_dependency_and_no_diagnostics()
    {
        var dir = builds.NewPluginsDirectory();
        var main = builds.PlaceTestArch(dir);

        using var catalog = Discover(dir);

        Assert.Equal(["generic", "testarch"], catalog.Arches);
        var plugin = catalog.Find("testarch")!;
        Assert.Equal(main, plugin.AssemblyPath);
        Assert.Equal("1.2.0.0", plugin.Version);
        Assert.Equal("Test architecture testarch", plugin.Description);
        Assert.False(plugin.InBox);
        Assert.Empty(catalog.Diagnostics);
        // The dependency resolved from the plugin's folder.
        Assert.Equal("testarch, described by a dependency", plugin.Plugin.Build(KconfigDefaults(plugin.Plugin)).Description);
    }

    [Fact]
    public void A_plugin_shares_the_hosts_abstractions_instead_of_loading_a_second_copy()
    {
        var dir = builds.NewPluginsDirectory();
        builds.PlaceTestArch(dir);
        // A careless plugin build that copied the contract next to itself.
        PluginBuilds.Place(Path.Combine(dir, "TestArch"), typeof(IArchPlugin).Assembly.Location);

        using var catalog = Discover(dir);

        var plugin = catalog.Find("testarch")!.Plugin;
        Assert.Same(typeof(IArchPlugin).Assembly, plugin.GetType().GetInterfaces().Single(i => i.Name == nameof(IArchPlugin)).Assembly);
        Assert.Single(AppDomain.CurrentDomain.GetAssemblies(), a => a.GetName().Name == "ArchPgtable.Abstractions");
    }

    [Fact]
    public void A_top_level_plugin_loads_and_a_top_level_library_without_export_gets_an_info_note()
    {
        var dir = builds.NewPluginsDirectory();
        var main = PluginBuilds.Place(dir, builds.TestArch, builds.TestArchHelpers);

        using var catalog = Discover(dir);

        Assert.Equal(main, catalog.Find("testarch")!.AssemblyPath);
        var note = Assert.Single(catalog.Diagnostics);
        Assert.Equal(PluginDiagnosticSeverity.Info, note.Severity);
        Assert.Equal(Path.Combine(dir, "TestArch.Helpers.dll"), note.File);
        Assert.Contains("no IArchPlugin", note.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_library_that_uses_the_contract_but_exports_nothing_gets_an_info_note()
    {
        var dir = builds.NewPluginsDirectory();
        var file = PluginBuilds.Place(dir, builds.NoExport);

        using var catalog = Discover(dir);

        var note = Assert.Single(catalog.Diagnostics);
        Assert.Equal((PluginDiagnosticSeverity.Info, file), (note.Severity, note.File));
        Assert.Equal("exports no IArchPlugin; ignored.", note.Reason);
    }

    [Fact]
    public void A_garbage_file_is_reported_and_skipped_and_the_others_still_load()
    {
        var dir = builds.NewPluginsDirectory();
        var junk = PluginBuilds.PlaceGarbage(dir);
        builds.PlaceTestArch(dir);

        using var catalog = Discover(dir);

        Assert.Equal(["generic", "testarch"], catalog.Arches);
        var error = Assert.Single(catalog.Diagnostics);
        Assert.Equal(PluginDiagnosticSeverity.Error, error.Severity);
        Assert.Equal(junk, error.File);
        Assert.Equal("not a .NET assembly; skipped.", error.Reason);
        Assert.Equal($"error: {junk}: not a .NET assembly; skipped.", error.ToString());
    }

    [Fact]
    public void An_export_whose_constructor_throws_is_reported_with_the_reason_and_skipped()
    {
        var dir = builds.NewPluginsDirectory();
        var throwing = PluginBuilds.Place(dir, builds.Throwing);
        builds.PlaceTestArch(dir);

        using var catalog = Discover(dir);

        Assert.Equal(["generic", "testarch"], catalog.Arches);
        var error = Assert.Single(catalog.Diagnostics);
        Assert.Equal((PluginDiagnosticSeverity.Error, throwing), (error.Severity, error.File));
        Assert.Contains("arch 'throwing'", error.Reason, StringComparison.Ordinal);
        Assert.Contains("InvalidOperationException: constructor exploded", error.Reason, StringComparison.Ordinal);
        Assert.EndsWith("skipped.", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_plugin_whose_types_cannot_load_is_reported_and_skipped()
    {
        var dir = builds.NewPluginsDirectory();
        // NeedsBase derives from TestBase.PluginBase, but TestBase.dll is not shipped.
        var needsBase = PluginBuilds.Place(Path.Combine(dir, "NeedsBase"), builds.NeedsBase);
        builds.PlaceTestArch(dir);

        using var catalog = Discover(dir);

        Assert.Equal(["generic", "testarch"], catalog.Arches);
        var error = Assert.Single(catalog.Diagnostics);
        Assert.Equal((PluginDiagnosticSeverity.Error, needsBase), (error.Severity, error.File));
        Assert.Contains("TestBase", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_plugin_with_its_dependency_shipped_loads()
    {
        var dir = builds.NewPluginsDirectory();
        PluginBuilds.Place(Path.Combine(dir, "NeedsBase"), builds.NeedsBase, builds.TestBase);

        using var catalog = Discover(dir);

        Assert.Equal(["generic", "needsbase"], catalog.Arches);
        Assert.Empty(catalog.Diagnostics);
    }

    [Fact]
    public void A_plugin_with_a_malformed_deps_json_is_reported_and_skipped()
    {
        var dir = builds.NewPluginsDirectory();
        var main = builds.PlaceTestArch(dir);
        File.WriteAllText(Path.ChangeExtension(main, ".deps.json"), "{ this is not json");
        PluginBuilds.Place(Path.Combine(dir, "NeedsBase"), builds.NeedsBase, builds.TestBase);

        using var catalog = Discover(dir);

        Assert.Equal(["generic", "needsbase"], catalog.Arches);
        var error = Assert.Single(catalog.Diagnostics);
        Assert.Equal((PluginDiagnosticSeverity.Error, main), (error.Severity, error.File));
        Assert.StartsWith("its dependencies cannot be resolved (InvalidOperationException: ", error.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Reason);
    }

    [Fact]
    public void A_plugin_built_against_another_abstractions_version_is_reported_with_both_versions_and_skipped()
    {
        var dir = builds.NewPluginsDirectory();
        var future = PluginBuilds.Place(dir, builds.Future);
        builds.PlaceTestArch(dir);

        using var catalog = Discover(dir);

        Assert.Equal(["generic", "testarch"], catalog.Arches);
        var error = Assert.Single(catalog.Diagnostics);
        Assert.Equal((PluginDiagnosticSeverity.Error, future), (error.Severity, error.File));
        var host = typeof(IArchPlugin).Assembly.GetName().Version!;
        Assert.Equal(
            $"built against ArchPgtable.Abstractions 9.0.0.0 but the host has {host} (major.minor must match); skipped.",
            error.Reason);
        Assert.DoesNotContain(AppDomain.CurrentDomain.GetAssemblies(), a => a.GetName().Name == "Future");
    }

    [Fact]
    public void A_copy_of_a_host_assembly_in_a_plugins_folder_is_ignored_with_a_note()
    {
        var dir = builds.NewPluginsDirectory();
        var copy = PluginBuilds.Place(dir, typeof(IArchPlugin).Assembly.Location);

        using var catalog = Discover(dir);

        var note = Assert.Single(catalog.Diagnostics);
        Assert.Equal((PluginDiagnosticSeverity.Info, copy), (note.Severity, note.File));
        Assert.Contains("provided by the host", note.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_plugins_claiming_one_arch_is_an_error_naming_both_files()
    {
        var dir = builds.NewPluginsDirectory();
        var main = builds.PlaceTestArch(dir);
        var clash = PluginBuilds.Place(dir, builds.Clash);

        var e = Assert.Throws<ArchPgtableConfigurationException>(() => Discover(dir));

        Assert.Contains("arch 'testarch'", e.Message, StringComparison.Ordinal);
        Assert.Contains(main, e.Message, StringComparison.Ordinal);
        Assert.Contains(clash, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_plugin_in_two_folders_is_two_claims()
    {
        var first = builds.NewPluginsDirectory();
        var second = builds.NewPluginsDirectory();
        var a = builds.PlaceTestArch(first);
        var b = builds.PlaceTestArch(second);

        var e = Assert.Throws<ArchPgtableConfigurationException>(() => Discover(first, second));

        Assert.Contains(a, e.Message, StringComparison.Ordinal);
        Assert.Contains(b, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_folder_given_twice_is_searched_once()
    {
        var dir = builds.NewPluginsDirectory();
        builds.PlaceTestArch(dir);

        using var catalog = PluginCatalog.Discover(dir, [dir, dir + Path.DirectorySeparatorChar]);

        Assert.Equal(["generic", "testarch"], catalog.Arches);
    }

    [Fact]
    public void A_plugin_claiming_the_in_box_generic_arch_clashes_with_it()
    {
        var dir = builds.NewPluginsDirectory();
        var impostor = PluginBuilds.Place(dir, builds.GenericImpostor);

        var e = Assert.Throws<ArchPgtableConfigurationException>(() => Discover(dir));

        Assert.Contains("arch 'generic'", e.Message, StringComparison.Ordinal);
        Assert.Contains(impostor, e.Message, StringComparison.Ordinal);
        Assert.Contains("ArchPgtable.Generic.dll", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_default_folder_is_fine_but_a_missing_plugins_folder_is_an_error()
    {
        var missing = Path.Combine(builds.NewPluginsDirectory(), "nope");

        using var catalog = PluginCatalog.Discover(missing, []);
        var e = Assert.Throws<ArchPgtableConfigurationException>(() => Discover(missing));

        Assert.Equal(["generic"], catalog.Arches);
        Assert.Equal($"plugins folder '{missing}' does not exist.", e.Message);
    }

    [Fact]
    public void Everything_broken_at_once_still_loads_the_good_ones()
    {
        var dir = builds.NewPluginsDirectory();
        PluginBuilds.PlaceGarbage(dir);
        PluginBuilds.Place(dir, builds.Throwing, builds.Future, builds.NoExport);
        PluginBuilds.Place(Path.Combine(dir, "NeedsBase"), builds.NeedsBase);
        builds.PlaceTestArch(dir);

        using var catalog = Discover(dir);

        Assert.Equal(["generic", "testarch"], catalog.Arches);
        Assert.Equal(4, catalog.Diagnostics.Count(d => d.Severity == PluginDiagnosticSeverity.Error));
        Assert.Equal(1, catalog.Diagnostics.Count(d => d.Severity == PluginDiagnosticSeverity.Info));
    }

    private static Kconfig.EffectiveConfig KconfigDefaults(IArchPlugin plugin) =>
        Kconfig.KconfigResolver.Resolve(plugin.Arch, plugin.Kconfig, []);
}
