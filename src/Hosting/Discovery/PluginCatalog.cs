namespace ArchPgtable.Hosting.Discovery;

/// <summary>
/// Every architecture plugin the host found (the in-box <c>generic</c> one and those in the
/// plugins folders), and what it noticed while loading them. Owns the MEF containers the
/// plugins came from.
/// </summary>
public sealed class PluginCatalog : IDisposable
{
    private readonly IReadOnlyList<IDisposable> _owned;

    internal PluginCatalog(IReadOnlyList<LoadedPlugin> plugins, IReadOnlyList<PluginDiagnostic> diagnostics, IReadOnlyList<IDisposable> owned)
    {
        Plugins = [.. plugins.OrderBy(p => p.Arch, StringComparer.Ordinal)];
        Diagnostics = diagnostics;
        Arches = [.. Plugins.Select(p => p.Arch)];
        _owned = owned;
    }

    /// <summary>The plugins, sorted by arch; each arch appears once.</summary>
    public IReadOnlyList<LoadedPlugin> Plugins { get; }

    /// <summary>Files skipped (errors) or ignored (info), in the order they were met.</summary>
    public IReadOnlyList<PluginDiagnostic> Diagnostics { get; }

    /// <summary>The arch names, sorted.</summary>
    public IReadOnlyList<string> Arches { get; }

    /// <summary>
    /// Loads the in-box <c>generic</c> plugin and every plugin in <paramref name="defaultDirectory"/>
    /// (if it exists) and <paramref name="directories"/> (each must exist). Candidates are
    /// <c>DIR/*.dll</c> and <c>DIR/&lt;Name&gt;/&lt;Name&gt;.dll</c>; each is loaded in its own
    /// load context and composed with System.Composition. Broken files are reported in
    /// <see cref="Diagnostics"/> and skipped.
    /// </summary>
    /// <exception cref="Configuration.ArchPgtableConfigurationException">
    /// A folder in <paramref name="directories"/> does not exist, or two plugins claim one arch.
    /// </exception>
    public static PluginCatalog Discover(string? defaultDirectory, IEnumerable<string> directories)
    {
        ArgumentNullException.ThrowIfNull(directories);
        return PluginDiscovery.Run(defaultDirectory, directories);
    }

    /// <summary>The plugin for <paramref name="arch"/>, or null.</summary>
    public LoadedPlugin? Find(string arch) => Plugins.FirstOrDefault(p => p.Arch == arch);

    /// <summary>Disposes the MEF containers (and with them any disposable plugin).</summary>
    public void Dispose()
    {
        foreach (var owned in _owned)
        {
            owned.Dispose();
        }
    }
}
