using System.Composition.Hosting;
using System.Reflection;
using ArchPgtable.Generic;
using ArchPgtable.Hosting.Configuration;
using ArchPgtable.Plugins;

namespace ArchPgtable.Hosting.Discovery;

/// <summary>
/// Finds, loads and composes plugin assemblies. Each file is inspected before loading
/// (<see cref="CandidateInspector"/>), loaded in its own <see cref="PluginLoadContext"/>, and
/// composed on its own, so that one broken file is reported and skipped while the others load.
/// </summary>
internal sealed class PluginDiscovery
{
    private readonly List<LoadedPlugin> _plugins = [];
    private readonly List<PluginDiagnostic> _diagnostics = [];
    private readonly List<IDisposable> _containers = [];
    private readonly Version _hostAbstractions = typeof(IArchPlugin).Assembly.GetName().Version ?? new Version(0, 0);

    /// <inheritdoc cref="PluginCatalog.Discover"/>
    public static PluginCatalog Run(string? defaultDirectory, IEnumerable<string> directories)
    {
        var discovery = new PluginDiscovery();
        discovery.Compose(typeof(GenericArchPlugin).Assembly, typeof(GenericArchPlugin).Assembly.Location, inBox: true);
        foreach (var directory in Directories(defaultDirectory, directories))
        {
            foreach (var file in PluginCandidates.In(directory))
            {
                discovery.LoadFile(file);
            }
        }

        return discovery.ToCatalog();
    }

    private static List<string> Directories(string? defaultDirectory, IEnumerable<string> directories)
    {
        var result = new List<string>();
        if (defaultDirectory is not null && Directory.Exists(defaultDirectory))
        {
            result.Add(Normalize(defaultDirectory));
        }

        foreach (var directory in directories)
        {
            if (!Directory.Exists(directory))
            {
                throw new ArchPgtableConfigurationException($"plugins folder '{directory}' does not exist.");
            }

            var full = Normalize(directory);
            if (!result.Contains(full, StringComparer.Ordinal))
            {
                result.Add(full);
            }
        }

        return result;
    }

    private static string Normalize(string directory) => Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory));

    private void LoadFile(string path)
    {
        var rejected = CandidateInspector.Reject(path, _hostAbstractions);
        if (rejected is not null)
        {
            _diagnostics.Add(rejected);
            return;
        }

        Assembly assembly;
        try
        {
            assembly = new PluginLoadContext(path).LoadFromAssemblyPath(path);
        }
        catch (InvalidOperationException e)
        {
            // AssemblyDependencyResolver: a malformed or inconsistent .deps.json next to the plugin.
            Report(path, $"its dependencies cannot be resolved ({ExceptionText.RootCause(e)}); skipped.");
            return;
        }
        catch (Exception e) when (e is IOException or BadImageFormatException or UnauthorizedAccessException)
        {
            Report(path, $"could not be loaded ({ExceptionText.RootCause(e)}); skipped.");
            return;
        }

        Compose(assembly, path, inBox: false);
    }

    private void Compose(Assembly assembly, string path, bool inBox)
    {
        List<Lazy<IArchPlugin, ArchPluginMetadata>> exports;
        try
        {
            var container = new ContainerConfiguration().WithAssembly(assembly).CreateContainer();
            _containers.Add(container);
            exports = [.. container.GetExports<Lazy<IArchPlugin, ArchPluginMetadata>>()];
        }
        catch (Exception e) when (IsTypeLoadFailure(e))
        {
            Report(path, $"its types could not be loaded ({ExceptionText.RootCause(e)}); skipped.");
            return;
        }
        catch (Exception e)
        {
            // A plugin may throw anything while composing; report it and keep the others.
            Report(path, $"composing its exports failed ({ExceptionText.RootCause(e)}); skipped.");
            return;
        }

        if (exports.Count == 0)
        {
            _diagnostics.Add(CandidateInspector.NoExport(path));
            return;
        }

        var version = assembly.GetName().Version?.ToString() ?? "0.0.0.0";
        foreach (var export in exports)
        {
            Instantiate(export, path, version, inBox);
        }
    }

    private void Instantiate(Lazy<IArchPlugin, ArchPluginMetadata> export, string path, string version, bool inBox)
    {
        var declared = export.Metadata.Arch;
        string arch;
        IArchPlugin plugin;
        try
        {
            plugin = export.Value;
            arch = plugin.Arch;
        }
        catch (Exception e)
        {
            // A plugin constructor may throw anything; report it and keep the others.
            var which = string.IsNullOrEmpty(declared) ? "its IArchPlugin export" : $"its IArchPlugin export for arch '{declared}'";
            Report(path, $"{which} threw while being created ({ExceptionText.RootCause(e)}); skipped.");
            return;
        }

        if (string.IsNullOrEmpty(arch))
        {
            arch = declared;
        }

        if (string.IsNullOrEmpty(arch))
        {
            Report(path, $"its IArchPlugin export {plugin.GetType().FullName} names no arch; skipped.");
            return;
        }

        if (!string.IsNullOrEmpty(declared) && declared != arch)
        {
            Report(path, $"its IArchPlugin export {plugin.GetType().FullName} is exported as arch '{declared}' but says it is '{arch}'; skipped.");
            return;
        }

        _plugins.Add(new LoadedPlugin(arch, export.Metadata.Description, path, version, inBox, plugin));
    }

    private static bool IsTypeLoadFailure(Exception e) =>
        e is ReflectionTypeLoadException or TypeLoadException or FileNotFoundException or FileLoadException
        || (e.InnerException is { } inner && IsTypeLoadFailure(inner));

    private void Report(string path, string reason) =>
        _diagnostics.Add(new PluginDiagnostic(PluginDiagnosticSeverity.Error, path, reason));

    private PluginCatalog ToCatalog()
    {
        var clash = _plugins.GroupBy(p => p.Arch, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (clash is not null)
        {
            foreach (var container in _containers)
            {
                container.Dispose();
            }

            var files = clash.Select(p => p.AssemblyPath).ToList();
            var named = files.Count == 2
                ? $"{files[0]} and {files[1]}"
                : string.Join(", ", files[..^1]) + " and " + files[^1];
            throw new ArchPgtableConfigurationException(
                $"arch '{clash.Key}' is claimed by {files.Count} plugins: {named}.");
        }

        return new PluginCatalog(_plugins, _diagnostics, _containers);
    }
}
