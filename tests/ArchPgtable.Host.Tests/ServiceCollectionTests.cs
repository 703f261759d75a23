using ArchPgtable.Hosting.Configuration;
using ArchPgtable.Hosting.Discovery;
using ArchPgtable.Kconfig;
using ArchPgtable.Plugins;
using Microsoft.Extensions.DependencyInjection;

namespace ArchPgtable.Host.Tests;

public sealed class ServiceCollectionTests
{
    private static ServiceProvider Build(Action<ArchPgtableOptions>? configure = null) =>
        new ServiceCollection().AddArchPgtable(o =>
        {
            o.DefaultPluginDirectory = null;
            o.Environment = EnvironmentVariables.None;
            configure?.Invoke(o);
        }).BuildServiceProvider();

    [Fact]
    public void The_selected_arch_and_its_pieces_are_singletons()
    {
        using var provider = Build(o => o.Set.Add("CONFIG_DEBUG_VM=n"));

        var instance = provider.GetRequiredService<ArchInstance>();

        Assert.Same(instance, provider.GetRequiredService<ArchInstance>());
        Assert.Equal("generic", instance.Arch);
        Assert.Same(instance.Config, provider.GetRequiredService<EffectiveConfig>());
        Assert.Same(instance.Geometry, provider.GetRequiredService<ArchGeometry>());
        Assert.Same(instance.Format, provider.GetRequiredService<IPteFormat>());
        Assert.Same(instance.Ops, provider.GetRequiredService<IPageTableOps>());
        Assert.Same(provider.GetRequiredService<PluginCatalog>(), provider.GetRequiredService<PluginCatalog>());
        Assert.False(provider.GetRequiredService<EffectiveConfig>().IsEnabled("CONFIG_DEBUG_VM"));
        Assert.Equal("generic", provider.GetRequiredService<ArchSelection>().Arch);
    }

    [Fact]
    public void Configuration_errors_surface_as_one_sentence_exceptions_when_resolved()
    {
        using var provider = Build(o => o.Arch = "vax");

        var e = Assert.Throws<ArchPgtableConfigurationException>(() => provider.GetRequiredService<IPageTableOps>());

        Assert.Equal("unknown arch 'vax' (from ArchPgtableOptions.Arch); arches found: generic.", e.Message);
    }

    [Fact]
    public void The_default_options_search_plugins_next_to_the_executable_and_read_the_process_environment()
    {
        var options = new ArchPgtableOptions();

        Assert.Equal(Path.Combine(AppContext.BaseDirectory, "plugins"), options.DefaultPluginDirectory);
        Assert.Same(EnvironmentVariables.Process, options.Environment);
        Assert.Null(options.Arch);
    }
}
