using ArchPgtable.Hosting.Discovery;

namespace ArchPgtable.Hosting.Configuration;

/// <summary>
/// Picks the plugin for the requested arch. With no request the default rule applies:
/// <c>arm64</c> when an arm64 plugin was found, else <c>generic</c> (always in-box).
/// </summary>
internal static class ArchSelector
{
    /// <summary>The preferred default arch.</summary>
    public const string PreferredDefault = "arm64";

    /// <summary>The fallback default arch, provided in-box.</summary>
    public const string FallbackDefault = "generic";

    /// <exception cref="ArchPgtableConfigurationException">The arch is not among the plugins found.</exception>
    public static ArchSelection Select(PluginCatalog catalog, ArchRequest? request)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        if (request is null)
        {
            var preferred = catalog.Find(PreferredDefault);
            if (preferred is not null)
            {
                return new ArchSelection(PreferredDefault, "default", preferred);
            }

            var fallback = catalog.Find(FallbackDefault)
                ?? throw new ArchPgtableConfigurationException(
                    $"no arch was given and neither '{PreferredDefault}' nor '{FallbackDefault}' is among the arches found ({Found(catalog)}).");
            return new ArchSelection(FallbackDefault, $"default ({PreferredDefault} plugin not found)", fallback);
        }

        var plugin = catalog.Find(request.Arch)
            ?? throw new ArchPgtableConfigurationException(
                $"unknown arch '{request.Arch}' (from {request.Source}); arches found: {Found(catalog)}.");
        return new ArchSelection(plugin.Arch, request.Source, plugin);
    }

    private static string Found(PluginCatalog catalog) =>
        catalog.Arches.Count == 0 ? "none" : string.Join(", ", catalog.Arches);
}
