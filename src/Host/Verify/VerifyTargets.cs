using ArchPgtable.Contracts.Running;
using ArchPgtable.Host.Configuration;
using ArchPgtable.Host.Discovery;
using ArchPgtable.Plugins;
using Microsoft.Extensions.DependencyInjection;

namespace ArchPgtable.Host.Verify;

/// <summary>
/// Which builds <c>verify</c> checks: the selected arch (default), every plugin found (<c>--all</c>),
/// or the plugins one assembly exports (<c>--plugin PATH</c>), each built with the same
/// configuration sources.
/// </summary>
internal static class VerifyTargets
{
    /// <exception cref="ArchPgtableConfigurationException">A plugin cannot be loaded or built.</exception>
    public static IReadOnlyList<VerifyTarget> Resolve(IServiceProvider services, VerifySettings settings)
    {
        var machine = services.GetRequiredService<ArchPgtableOptions>().Machine;
        return [.. ResolveBuilds(services, settings).SelectMany(t => OnMachines(t, machine))];
    }

    /// <summary>
    /// With <c>--machine</c>, the build on that machine; without, the build on every preset machine of its arch (the
    /// default machine keeps the plain label), each reported on its own.
    /// </summary>
    private static IEnumerable<VerifyTarget> OnMachines(VerifyTarget target, string? machine)
    {
        var support = target.Arch.MachineSupportOrDefault;
        if (machine is not null)
        {
            var m = Machines.MachineResolver.Resolve(target.Arch, machine);
            return [m == support.Default ? target : Named(target, m, machine)];
        }

        return support.Presets.Select(p => p == support.Default ? target : Named(target, p, p.Name));
    }

    private static VerifyTarget Named(VerifyTarget target, ArchPgtable.Machines.MachineDescription machine, string spec) =>
        target with
        {
            Plugin = $"{target.Plugin} [machine {machine.Name}]",
            ReplayArgs = $"{target.ReplayArgs} --machine {Quote(spec)}",
            Machine = machine,
        };

    private static IReadOnlyList<VerifyTarget> ResolveBuilds(IServiceProvider services, VerifySettings settings)
    {
        if (settings.PluginPath is { } path)
        {
            var sources = services.GetRequiredService<ConfigurationSources>();
            return [.. PluginFileLoader.Load(path).Select(p => Build(p, sources, $"--plugin {Quote(p.AssemblyPath)}"))];
        }

        if (settings.All)
        {
            var sources = services.GetRequiredService<ConfigurationSources>();
            var catalog = services.GetRequiredService<PluginCatalog>();
            return [.. catalog.Plugins.Select(p => Build(p, sources, $"--arch {p.Arch}"))];
        }

        var selection = services.GetRequiredService<ArchSelection>();
        var arch = services.GetRequiredService<ArchInstance>();
        return [Checked(new VerifyTarget(selection.Arch, selection.Plugin.AssemblyPath, arch, $"--arch {selection.Arch}"))];
    }

    private static VerifyTarget Build(LoadedPlugin plugin, ConfigurationSources sources, string replay) =>
        Checked(new(plugin.Arch, plugin.AssemblyPath, ArchComposer.Build(new ArchSelection(plugin.Arch, replay, plugin), sources), replay));

    /// <summary>Rejects a build whose known-finding declarations name no contract property (a load error, exit 2).</summary>
    private static VerifyTarget Checked(VerifyTarget target)
    {
        try
        {
            ContractSuite.KnownFindingFor(target.Arch, "");
            return target;
        }
        catch (ArgumentException e)
        {
            throw new ArchPgtableConfigurationException($"{target.AssemblyPath}: {e.Message}", e);
        }
    }

    private static string Quote(string path) => path.Contains(' ', StringComparison.Ordinal) ? $"\"{path}\"" : path;
}
