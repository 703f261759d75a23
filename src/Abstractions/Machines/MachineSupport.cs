using System.Globalization;
using ArchPgtable.Hardware;

namespace ArchPgtable.Machines;

/// <summary>
/// What machines an architecture build can run on: its named presets (the first is the default machine, one CPU
/// as the single-agent model always was), which agent capabilities the architecture can have at all, and how an
/// agent's capabilities combine with the kernel configuration. A plugin derives from it and hands an instance out
/// through <see cref="Plugins.ArchInstance.Machines"/>.
/// </summary>
/// <remarks>Kernel: none; cpufeature (HAFDBS, BBML2), the SVA-capable IOMMU drivers, and the Kconfig that gates them.</remarks>
public abstract class MachineSupport
{
    /// <summary>The named presets; the first is the default machine.</summary>
    public abstract IReadOnlyList<MachineDescription> Presets { get; }

    /// <summary>The default machine (the first preset).</summary>
    public MachineDescription Default => Presets[0];

    /// <summary>The preset called <paramref name="name"/> (case-insensitive), or null.</summary>
    public MachineDescription? Find(string name) =>
        Presets.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The agent kinds this architecture can have (default: CPUs only).</summary>
    protected virtual IReadOnlyList<AgentKind> AgentKinds => [AgentKind.Cpu];

    /// <summary>True when agents of this architecture may have BBML2_NOABORT (arm64 only).</summary>
    protected virtual bool HasBbml2 => false;

    /// <summary>Why this architecture cannot have <paramref name="agent"/>, in one sentence; null when it can.</summary>
    /// <remarks>The base checks a name, a TLB of at least one entry, the kind (<see cref="AgentKinds"/>) and BBML2 (<see cref="HasBbml2"/>).</remarks>
    public virtual string? Validate(AgentSpec agent)
    {
        ArgumentNullException.ThrowIfNull(agent);
        if (string.IsNullOrWhiteSpace(agent.Name))
        {
            return "an agent has no name";
        }

        if (agent.TlbEntries < 1)
        {
            return string.Create(CultureInfo.InvariantCulture, $"agent '{agent.Name}': tlb_entries must be at least 1, not {agent.TlbEntries}");
        }

        if (!AgentKinds.Contains(agent.Kind))
        {
            return $"agent '{agent.Name}': this architecture has no {agent.Kind.ToString().ToLowerInvariant()} agents (it can have {string.Join(", ", AgentKinds.Select(k => k.ToString().ToLowerInvariant()))})";
        }

        if (agent.Bbml2NoAbort && !HasBbml2)
        {
            return $"agent '{agent.Name}': bbml2_noabort is an arm64 feature this architecture cannot have";
        }

        return null;
    }

    /// <summary>Why <paramref name="machine"/> cannot run this architecture (no CPU, a duplicate name, an agent it cannot have); null when it can.</summary>
    public string? ValidateMachine(MachineDescription machine)
    {
        ArgumentNullException.ThrowIfNull(machine);
        if (!machine.Cpus.Any())
        {
            return $"machine '{machine.Name}' has no CPU agent";
        }

        var duplicate = machine.Agents.GroupBy(a => a.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            return $"machine '{machine.Name}' names two agents '{duplicate.Key}'";
        }

        return machine.Agents.Select(Validate).FirstOrDefault(p => p is not null);
    }

    /// <summary>The agent under this build's kernel configuration: effective A/D (the agent can AND the kernel lets it) and its MMU rules.</summary>
    public abstract EffectiveAgent Effective(AgentSpec agent);

    /// <summary>
    /// The build as it runs on <paramref name="machine"/>: where helpers depend on a system-wide hardware property
    /// (arm64: BBML2_NOABORT on every agent), the helpers for that machine; otherwise <paramref name="arch"/> itself.
    /// </summary>
    /// <remarks>Kernel: a helper's behaviour chosen at boot from the system's capabilities (alternatives, static keys).</remarks>
    public virtual Plugins.ArchInstance ForMachine(Plugins.ArchInstance arch, MachineDescription machine) => arch;

    /// <summary>A one-CPU machine support for builds that declare none: the CPU follows <paramref name="hardware"/>.</summary>
    public static MachineSupport SingleCpu(IHardwareModel hardware) => new SingleCpuMachineSupport(hardware);

    private sealed class SingleCpuMachineSupport(IHardwareModel hardware) : MachineSupport
    {
        private readonly MachineDescription _default = new("default", "one CPU following the build's hardware model",
            [new AgentSpec("cpu0", AgentKind.Cpu, hardware.HardwareAccessFlag, hardware.HardwareAccessFlag)]);

        public override IReadOnlyList<MachineDescription> Presets => [_default];

        public override EffectiveAgent Effective(AgentSpec agent) =>
            new(agent, hardware.HardwareAccessFlag, hardware.HardwareAccessFlag, hardware, "the build declares no machine support: every agent follows its hardware model");
    }
}
