using ArchPgtable.Machines;
using ArchPgtable.Plugins;

namespace ArchPgtable.RiscV;

/// <summary>
/// The riscv64 machines: harts with Svadu (hardware A and D) or Svade (A/D by page fault), and a RISC-V IOMMU in SVA
/// mode. Hardware A/D is all or nothing on RISC-V, so an agent with only one of the two is not a RISC-V agent. A
/// hart's Svadu is in force only when the build enables it (CONFIG_RISCV_ISA_SVADU, this model's stand-in for
/// upstream's boot-time detection).
/// </summary>
/// <remarks>Kernel: RISCV_ISA_EXT_SVADU, drivers/iommu/riscv/ (the IOMMU's AMO_HWAD capability).</remarks>
internal sealed class RiscVMachineSupport(bool svadu, bool svnapot) : MachineSupport
{
    private static readonly AgentSpec Svadu = new("cpu", AgentKind.Cpu, HardwareAccessFlag: true, HardwareDirty: true);
    private static readonly AgentSpec Svade = Svadu with { HardwareAccessFlag = false, HardwareDirty = false };

    /// <summary>The riscv64 presets; <c>default</c> is the single hart every earlier result was measured on.</summary>
    public static IReadOnlyList<MachineDescription> All { get; } =
    [
        MachineDescription.Smp("default", "one hart with Svadu: the single-agent machine", 1, Svadu),
        MachineDescription.Smp("svadu", "4 harts with Svadu", 4, Svadu),
        MachineDescription.Smp("svade", "4 harts with Svade: A/D by page fault", 4, Svade),
        MachineDescription.Smp("iommu", "4 Svadu harts + a RISC-V IOMMU in SVA mode with hardware A/D", 4, Svadu,
            new AgentSpec("iommu0", AgentKind.Iommu, true, true, BlockEntryChoice.Accessed, 512)),
        MachineDescription.Smp("iommu-no-ad", "4 Svadu harts + a RISC-V IOMMU in SVA mode without hardware A/D", 4, Svadu,
            new AgentSpec("iommu0", AgentKind.Iommu, false, false, BlockEntryChoice.Accessed, 512)),
    ];

    /// <inheritdoc/>
    public override IReadOnlyList<MachineDescription> Presets => All;

    /// <inheritdoc/>
    protected override IReadOnlyList<AgentKind> AgentKinds => [AgentKind.Cpu, AgentKind.Iommu];

    /// <inheritdoc/>
    public override string? Validate(AgentSpec agent) =>
        base.Validate(agent) ?? (agent.HardwareAccessFlag != agent.HardwareDirty
            ? $"agent '{agent.Name}': RISC-V sets A and D in hardware together (Svadu) or neither (Svade), not only one"
            : null);

    /// <summary>
    /// On a machine where some agent sets A/D in hardware although the build's harts do not (Svade harts, an IOMMU with
    /// hardware A/D), upstream's plain-store <c>ptep_set_access_flags()</c> can lose that agent's dirty bit: the build
    /// declares the known finding for it.
    /// </summary>
    /// <remarks>Kernel: ptep_set_access_flags() (arch/riscv/mm/pgtable.c)</remarks>
    public override ArchInstance ForMachine(ArchInstance arch, MachineDescription machine)
    {
        ArgumentNullException.ThrowIfNull(arch);
        ArgumentNullException.ThrowIfNull(machine);
        return arch.KnownFindings.Count == 0 && machine.Agents.Any(a => Effective(a).HardwareAccessFlag)
            ? arch.WithKnownFindings(RiscVKnownFindings.DeviceAd)
            : arch;
    }

    /// <inheritdoc/>
    public override EffectiveAgent Effective(AgentSpec agent)
    {
        ArgumentNullException.ThrowIfNull(agent);
        var on = agent.HardwareAccessFlag && (agent.IsDevice || svadu);
        var note = agent.HardwareAccessFlag && !on ? "CONFIG_RISCV_ISA_SVADU=n: the kernel leaves menvcfg.ADUE clear (Svade)" : "";
        return new EffectiveAgent(agent, on, on, new RiscVHardwareModel(on, svnapot), note);
    }
}
