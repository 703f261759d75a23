using ArchPgtable.Machines;

namespace ArchPgtable.X86;

/// <summary>
/// The x86_64 machines: CPUs, and an IOMMU (VT-d / AMD-Vi) walking the process's tables in SVA mode. x86 hardware
/// always sets Accessed and Dirty itself, so an agent without either is not an x86 agent.
/// </summary>
/// <remarks>Kernel: arch/x86 (no A/D faults), drivers/iommu/intel/svm.c (first-level tables with A/D).</remarks>
internal sealed class X86MachineSupport : MachineSupport
{
    private static readonly AgentSpec Cpu = new("cpu", AgentKind.Cpu, HardwareAccessFlag: true, HardwareDirty: true, BlockEntry: BlockEntryChoice.Accessed);

    /// <summary>The x86_64 presets; <c>default</c> is the single CPU every earlier result was measured on.</summary>
    public static IReadOnlyList<MachineDescription> All { get; } =
    [
        MachineDescription.Smp("default", "one CPU: the single-agent machine", 1, Cpu),
        MachineDescription.Smp("smp", "4 CPUs", 4, Cpu),
        MachineDescription.Smp("iommu", "4 CPUs + an IOMMU in SVA mode (first-level tables, hardware A/D)", 4, Cpu,
            new AgentSpec("iommu0", AgentKind.Iommu, true, true, BlockEntryChoice.Accessed, 512)),
    ];

    /// <inheritdoc/>
    public override IReadOnlyList<MachineDescription> Presets => All;

    /// <inheritdoc/>
    protected override IReadOnlyList<AgentKind> AgentKinds => [AgentKind.Cpu, AgentKind.Iommu];

    /// <inheritdoc/>
    public override string? Validate(AgentSpec agent) =>
        base.Validate(agent) ?? (!agent.HardwareAccessFlag || !agent.HardwareDirty
            ? $"agent '{agent.Name}': x86 hardware always sets Accessed and Dirty; an agent without hardware A/D cannot exist"
            : null);

    /// <inheritdoc/>
    public override EffectiveAgent Effective(AgentSpec agent)
    {
        ArgumentNullException.ThrowIfNull(agent);
        return new EffectiveAgent(agent, true, true, X86HardwareModel.Instance);
    }
}
