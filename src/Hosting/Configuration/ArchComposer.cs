using ArchPgtable.Kconfig;
using ArchPgtable.Plugins;

namespace ArchPgtable.Hosting.Configuration;

/// <summary>Resolves the configuration layers against the selected plugin's Kconfig and builds the architecture.</summary>
internal static class ArchComposer
{
    /// <exception cref="ArchPgtableConfigurationException">A value does not fit its symbol, or the plugin cannot be built.</exception>
    public static ArchInstance Build(ArchSelection selection, ConfigurationSources sources)
    {
        ArgumentNullException.ThrowIfNull(selection);
        ArgumentNullException.ThrowIfNull(sources);
        var plugin = selection.Plugin;
        EffectiveConfig config;
        try
        {
            config = KconfigResolver.Resolve(selection.Arch, plugin.Plugin.Kconfig, sources.Layers);
        }
        catch (KconfigParseException e)
        {
            throw new ArchPgtableConfigurationException(e.Message, e);
        }
        catch (ArgumentException e)
        {
            throw new ArchPgtableConfigurationException(
                $"the plugin for arch '{selection.Arch}' ({plugin.AssemblyPath}) declares an inconsistent Kconfig: {e.Message}", e);
        }
        catch (Exception e) when (e is not ArchPgtableConfigurationException)
        {
            throw new ArchPgtableConfigurationException(
                $"the plugin for arch '{selection.Arch}' ({plugin.AssemblyPath}) failed to list its Kconfig: {e.GetType().Name}: {e.Message}", e);
        }

        try
        {
            return plugin.Plugin.Build(config)
                ?? throw new ArchPgtableConfigurationException(
                    $"the plugin for arch '{selection.Arch}' ({plugin.AssemblyPath}) built nothing.");
        }
        catch (ArgumentException e)
        {
            throw new ArchPgtableConfigurationException(
                $"arch '{selection.Arch}' cannot be built with this configuration: {e.Message}", e);
        }
        catch (Exception e) when (e is not ArchPgtableConfigurationException)
        {
            throw new ArchPgtableConfigurationException(
                $"the plugin for arch '{selection.Arch}' ({plugin.AssemblyPath}) failed to build: {e.GetType().Name}: {e.Message}", e);
        }
    }
}
