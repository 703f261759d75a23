using ArchPgtable.Hosting.Configuration;
using ArchPgtable.Hosting.Discovery;
using ArchPgtable.Kconfig;
using ArchPgtable.Plugins;
using NSubstitute;
using NSubstitute.ExceptionExtensions;

namespace ArchPgtable.Host.Tests;

/// <summary>A selected plugin that misbehaves while resolving or building is a configuration error naming it.</summary>
public sealed class ArchComposerTests
{
    private static readonly ConfigurationSources NoSources =
        ConfigurationSources.Read(new ArchPgtableOptions { Environment = EnvironmentVariables.None });

    private static ArchSelection Select(IArchPlugin plugin) =>
        new("fake", "--arch", new LoadedPlugin("fake", "", "/plugins/Fake.dll", "1.0.0.0", InBox: false, plugin));

    [Fact]
    public void The_plugin_is_built_with_the_resolved_config()
    {
        var plugin = Substitute.For<IArchPlugin>();
        plugin.Kconfig.Returns([KconfigSymbol.Bool("CONFIG_A", true, "a")]);
        plugin.Build(Arg.Any<EffectiveConfig>()).Returns(c => new Generic.GenericArchPlugin().Build(c.Arg<EffectiveConfig>()));

        var instance = ArchComposer.Build(Select(plugin), NoSources);

        plugin.Received(1).Build(Arg.Is<EffectiveConfig>(c => c.Arch == "fake" && c.IsEnabled("CONFIG_A")));
        Assert.True(instance.Config.IsEnabled("CONFIG_A"));
    }

    [Fact]
    public void A_Kconfig_getter_that_throws_names_the_plugin()
    {
        var plugin = Substitute.For<IArchPlugin>();
        plugin.Kconfig.Throws(new InvalidOperationException("no symbols today"));

        var e = Assert.Throws<ArchPgtableConfigurationException>(() => ArchComposer.Build(Select(plugin), NoSources));

        Assert.Equal("the plugin for arch 'fake' (/plugins/Fake.dll) failed to list its Kconfig: InvalidOperationException: no symbols today", e.Message);
    }

    [Fact]
    public void An_inconsistent_Kconfig_names_the_plugin()
    {
        var plugin = Substitute.For<IArchPlugin>();
        plugin.Kconfig.Returns([KconfigSymbol.Bool("CONFIG_A", true, "a", "CONFIG_GHOST")]);

        var e = Assert.Throws<ArchPgtableConfigurationException>(() => ArchComposer.Build(Select(plugin), NoSources));

        Assert.StartsWith("the plugin for arch 'fake' (/plugins/Fake.dll) declares an inconsistent Kconfig: ", e.Message, StringComparison.Ordinal);
        Assert.Contains("CONFIG_GHOST", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_Build_that_rejects_the_config_says_so()
    {
        var plugin = Substitute.For<IArchPlugin>();
        plugin.Kconfig.Returns([]);
        plugin.Build(Arg.Any<EffectiveConfig>()).Throws(new ArgumentException("16K pages need FEAT_LPA2"));

        var e = Assert.Throws<ArchPgtableConfigurationException>(() => ArchComposer.Build(Select(plugin), NoSources));

        Assert.Equal("arch 'fake' cannot be built with this configuration: 16K pages need FEAT_LPA2", e.Message);
    }

    [Fact]
    public void A_Build_that_crashes_names_the_plugin()
    {
        var plugin = Substitute.For<IArchPlugin>();
        plugin.Kconfig.Returns([]);
        plugin.Build(Arg.Any<EffectiveConfig>()).Throws(new NotSupportedException("oops"));

        var e = Assert.Throws<ArchPgtableConfigurationException>(() => ArchComposer.Build(Select(plugin), NoSources));

        Assert.Equal("the plugin for arch 'fake' (/plugins/Fake.dll) failed to build: NotSupportedException: oops", e.Message);
    }
}
