using System.Composition.Hosting;
using ArchPgtable.Hosting.Configuration;
using ArchPgtable.Hosting.Discovery;
using ArchPgtable.Plugins;

namespace ArchPgtable.Host.Verify;

/// <summary>
/// Loads the architecture plugins exported by one assembly file (<c>verify --plugin PATH</c>) the
/// way discovery loads a plugins folder's candidates: inspected first, then in its own load
/// context (its dependencies from its folder, the contract assemblies shared with the host), then
/// composed with System.Composition.
/// </summary>
internal static class PluginFileLoader
{
    /// <exception cref="ArchPgtableConfigurationException">The file is missing, cannot be loaded, or exports no plugin.</exception>
    public static IReadOnlyList<LoadedPlugin> Load(string path)
    {
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            throw new ArchPgtableConfigurationException($"--plugin '{path}' does not exist.");
        }

        var hostAbstractions = typeof(IArchPlugin).Assembly.GetName().Version ?? new Version(0, 0);
        var rejected = CandidateInspector.Reject(full, hostAbstractions);
        if (rejected is not null)
        {
            throw new ArchPgtableConfigurationException($"--plugin {full}: {rejected.Reason}");
        }

        try
        {
            var assembly = new PluginLoadContext(full).LoadFromAssemblyPath(full);
            var container = new ContainerConfiguration().WithAssembly(assembly).CreateContainer();
            var version = assembly.GetName().Version?.ToString() ?? "0.0.0.0";
            var plugins = container.GetExports<Lazy<IArchPlugin, ArchPluginMetadata>>()
                .Select(e => new LoadedPlugin(e.Value.Arch, e.Metadata.Description, full, version, InBox: false, e.Value))
                .ToList();
            return plugins.Count > 0
                ? plugins
                : throw new ArchPgtableConfigurationException($"--plugin {full} exports no IArchPlugin.");
        }
        catch (Exception e) when (e is not ArchPgtableConfigurationException)
        {
            // A plugin may throw anything while loading or composing; report it as a load error.
            throw new ArchPgtableConfigurationException($"--plugin {full} could not be loaded ({ExceptionText.RootCause(e)}).", e);
        }
    }
}
