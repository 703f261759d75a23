using ArchPgtable.Hosting.Configuration;
using ArchPgtable.Machines;
using ArchPgtable.Plugins;

namespace ArchPgtable.Hosting.Machines;

/// <summary>Turns <c>--machine PRESET|FILE</c> into the machine the selected arch runs on, or one sentence saying why it cannot.</summary>
public static class MachineResolver
{
    /// <summary>The machine named by <paramref name="spec"/> (a preset of the arch, else a machine file); the arch's default machine when null.</summary>
    /// <exception cref="ArchPgtableConfigurationException">Unknown preset, unreadable or malformed file, or an agent the arch cannot have.</exception>
    /// <param name="arch">The selected build.</param>
    /// <param name="spec">The preset name or machine file, or null.</param>
    /// <param name="option">How messages name the option that was set (default <c>ArchPgtableOptions.Machine</c>; the command line says <c>--machine</c>).</param>
    public static MachineDescription Resolve(ArchInstance arch, string? spec, string? option = null)
    {
        option ??= ArchPgtableOptionNames.Properties.Machine;
        ArgumentNullException.ThrowIfNull(arch);
        var support = arch.MachineSupportOrDefault;
        if (string.IsNullOrWhiteSpace(spec))
        {
            return support.Default;
        }

        var machine = support.Find(spec);
        if (machine is null)
        {
            var looksLikeFile = spec.Contains('/', StringComparison.Ordinal) || spec.Contains('\\', StringComparison.Ordinal)
                || spec.EndsWith(".json", StringComparison.OrdinalIgnoreCase);
            if (!looksLikeFile && !File.Exists(spec))
            {
                throw new ArchPgtableConfigurationException(
                    $"{option} '{spec}' is not a preset of {arch.Arch} ({string.Join(", ", support.Presets.Select(p => p.Name))}) nor a machine file.");
            }

            machine = MachineFileReader.Read(spec);
        }

        var problem = support.ValidateMachine(machine);
        return problem is null
            ? machine
            : throw new ArchPgtableConfigurationException($"{option} '{spec}': {problem} on {arch.Arch}.");
    }
}
