using System.Globalization;
using ArchPgtable.Hardware;
using ArchPgtable.Machines;
using ArchPgtable.Plugins;

namespace ArchPgtable.Contracts.World;

/// <summary>
/// One kind of hardware walker the contract world races against: its effective MMU rules and which entry of a block it
/// evaluates. A machine gives one variant per distinct (hardware A, hardware D, block entry) among its agents.
/// </summary>
/// <param name="Label">Names the agent(s) it stands for, for counterexamples; null for the build's single default CPU.</param>
/// <param name="Hardware">Its MMU rules.</param>
/// <param name="BlockEntry">Which entry of a contiguous block it evaluates.</param>
/// <param name="IsDevice">An SMMU/IOMMU rather than a CPU.</param>
internal sealed record AgentVariant(string? Label, IHardwareModel Hardware, BlockEntryChoice BlockEntry, bool IsDevice = false)
{
    /// <summary>The build's default: one CPU following <see cref="ArchInstance.Hardware"/>, landing on any entry of a block.</summary>
    public static AgentVariant Default(ArchInstance arch) => new(null, arch.Hardware, BlockEntryChoice.Any);

    /// <summary>The distinct agent kinds of <paramref name="machine"/> (the default variant alone when null or the arch's default machine).</summary>
    public static IReadOnlyList<AgentVariant> For(ArchInstance arch, MachineDescription? machine)
    {
        ArgumentNullException.ThrowIfNull(arch);
        var support = arch.MachineSupportOrDefault;
        if (machine is null || machine == support.Default)
        {
            return [Default(arch)];
        }

        return
        [
            .. machine.Agents
                .Select(support.Effective)
                .GroupBy(e => (e.HardwareAccessFlag, e.HardwareDirty, e.Spec.BlockEntry, e.Spec.IsDevice))
                .Select(g => new AgentVariant(
                    string.Create(CultureInfo.InvariantCulture,
                        $"{string.Join("/", g.Select(e => e.Spec.Name))}: {g.First().Spec.Kind.ToString().ToLowerInvariant()}, HW AF={(g.Key.HardwareAccessFlag ? 1 : 0)} HW dirty={(g.Key.HardwareDirty ? 1 : 0)}, {g.Key.BlockEntry.ToString().ToLowerInvariant()} entry of a block"),
                    g.First().Hardware,
                    g.Key.BlockEntry,
                    g.Key.IsDevice)),
        ];
    }

    /// <summary>The entry of a block the agent evaluates for an access to <paramref name="index"/>, given a generated choice.</summary>
    public int Landing(int index, int generated) => BlockEntry switch
    {
        BlockEntryChoice.Accessed => index,
        BlockEntryChoice.First => 0,
        _ => generated,
    };
}
