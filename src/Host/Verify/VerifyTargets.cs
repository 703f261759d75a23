using ArchPgtable.Contracts.Running;
using ArchPgtable.Host.Cli;
using ArchPgtable.Hosting.Configuration;
using ArchPgtable.Hosting.Discovery;
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
        var options = services.GetRequiredService<ArchPgtableOptions>();
        if (options.KernelTree is not null && (settings.PluginPath is not null || settings.All))
        {
            throw new ArchPgtableConfigurationException("--kernel-tree runs the tree's helpers for the selected --arch; it cannot be combined with --all or --plugin.");
        }

        var machine = options.Machine;
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
            var m = ArchPgtable.Hosting.Machines.MachineResolver.Resolve(target.Arch, machine, "--machine");
            // The replay line names the machine that was asked for, the default one included.
            return [m == support.Default ? target with { ReplayArgs = $"{target.ReplayArgs} --machine {Quote(machine)}" } : Named(target, m, machine)];
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
            var diagnostics = services.GetService<RunDiagnostics>();
            return [.. PluginFileLoader.Load(path).Select(p => Build(p, sources, $"--plugin {Quote(p.AssemblyPath)}", diagnostics))];
        }

        if (settings.All)
        {
            var sources = services.GetRequiredService<ConfigurationSources>();
            var catalog = services.GetRequiredService<PluginCatalog>();
            var diagnostics = services.GetService<RunDiagnostics>();
            return [.. catalog.Plugins.Select(p => Build(p, sources, $"--arch {p.Arch}", diagnostics))];
        }

        var selection = services.GetRequiredService<ArchSelection>();
        var arch = services.GetRequiredService<ArchInstance>();
        return [Checked(new VerifyTarget(selection.Arch, selection.Plugin.AssemblyPath, arch, $"--arch {selection.Arch}{NativeComposer.ReplayArgs(services.GetRequiredService<ArchPgtableOptions>())}"))];
    }

    private static VerifyTarget Build(LoadedPlugin plugin, ConfigurationSources sources, string replay, RunDiagnostics? diagnostics)
    {
        var arch = ArchComposer.Build(new ArchSelection(plugin.Arch, replay, plugin), sources);
        diagnostics?.Config(arch.Config, plugin.Arch);
        return Checked(new(plugin.Arch, plugin.AssemblyPath, arch, replay));
    }

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
