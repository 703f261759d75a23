using ArchPgtable;
using ArchPgtable.Hosting.Configuration;
using ArchPgtable.Hosting.Discovery;
using ArchPgtable.Hosting.Machines;
using ArchPgtable.Kconfig;
using ArchPgtable.Plugins;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers an ArchPgtable architecture, chosen by plugins and configuration, in a service collection.</summary>
public static class ArchPgtableServiceCollectionExtensions
{
    /// <summary>
    /// Registers, as singletons built on first use: the <see cref="ArchPgtableOptions"/>, the
    /// <see cref="PluginCatalog"/>, the <see cref="ArchSelection"/>, the <see cref="ArchPgtable.Machines.MachineDescription"/> chosen by
    /// <see cref="ArchPgtableOptions.Machine"/>, and the selected
    /// <see cref="ArchInstance"/> with its pieces (<see cref="EffectiveConfig"/>,
    /// <see cref="ArchGeometry"/>, <see cref="IPteFormat"/>, <see cref="IPageTableOps"/>).
    /// </summary>
    /// <param name="services">The collection.</param>
    /// <param name="configure">Sets the plugin folders, arch and configuration sources; null keeps the defaults
    /// (<c>plugins/</c> next to the executable, the process environment, the default arch rule).</param>
    /// <returns><paramref name="services"/>.</returns>
    /// <remarks>
    /// Resolving any of these can throw <see cref="ArchPgtableConfigurationException"/> (two plugins claim one
    /// arch, unknown arch, malformed config line, …) with a one-sentence message.
    /// </remarks>
    public static IServiceCollection AddArchPgtable(this IServiceCollection services, Action<ArchPgtableOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = new ArchPgtableOptions();
        configure?.Invoke(options);

        services.AddSingleton(options);
        services.AddSingleton(sp =>
        {
            var o = sp.GetRequiredService<ArchPgtableOptions>();
            return PluginCatalog.Discover(o.DefaultPluginDirectory, o.PluginDirectories);
        });
        services.AddSingleton(sp => ConfigurationSources.Read(sp.GetRequiredService<ArchPgtableOptions>()));
        services.AddSingleton(sp => ArchSelector.Select(
            sp.GetRequiredService<PluginCatalog>(), sp.GetRequiredService<ConfigurationSources>().Arch));
        services.AddSingleton(sp => NativeComposer.Apply(ArchComposer.Build(
            sp.GetRequiredService<ArchSelection>(), sp.GetRequiredService<ConfigurationSources>()), sp.GetRequiredService<ArchPgtableOptions>()));
        services.AddSingleton(sp => sp.GetRequiredService<ArchPgtableOptions>() is var o
            ? MachineResolver.Resolve(sp.GetRequiredService<ArchInstance>(), o.Machine, o.OptionNames.Machine)
            : null!);
        services.AddSingleton(sp => sp.GetRequiredService<ArchInstance>().Config);
        services.AddSingleton(sp => sp.GetRequiredService<ArchInstance>().Geometry);
        services.AddSingleton(sp => sp.GetRequiredService<ArchInstance>().Format);
        services.AddSingleton(sp => sp.GetRequiredService<ArchInstance>().Ops);
        return services;
    }
}
