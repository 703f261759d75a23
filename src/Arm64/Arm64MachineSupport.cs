using ArchPgtable.Machines;
using ArchPgtable.Plugins;

namespace ArchPgtable.Arm64;

/// <summary>
/// The arm64 machines: CPUs with or without FEAT_HAFDBS dirty management (DBM), SMMUv3s in SVA mode with or without
/// HTTU, and BBML2_NOABORT. A CPU's hardware A/D is in force only when the kernel enables it
/// (CONFIG_ARM64_HW_AFDBM); an SMMU's HTTU is enabled by the SMMU driver from the SMMU's own ID registers.
/// </summary>
/// <remarks>Kernel: cpufeature.c (ARM64_HW_DBM per CPU, "a mix of CPUs with and without the feature"; ARM64_HAS_BBML2_NOABORT),
/// arm-smmu-v3-sva.c (HTTU in the CD).</remarks>
internal sealed class Arm64MachineSupport(bool hwAfdbm, int contPtes, Func<Arm64ContPteOps>? bbml2Ops = null) : MachineSupport
{
    private static readonly AgentSpec Hafdbs = new("cpu", AgentKind.Cpu, HardwareAccessFlag: true, HardwareDirty: true);
    private static readonly AgentSpec NoDbm = Hafdbs with { HardwareDirty = false };
    private static readonly AgentSpec SmmuNoHttu = new("smmu0", AgentKind.Smmu, HardwareAccessFlag: false, HardwareDirty: false, BlockEntry: BlockEntryChoice.Accessed, TlbEntries: 512);
    private static readonly AgentSpec SmmuHttu = SmmuNoHttu with { HardwareAccessFlag = true, HardwareDirty = true, BlockEntry = BlockEntryChoice.Any };

    /// <summary>The arm64 presets; <c>default</c> is the single HAFDBS CPU every earlier result was measured on.</summary>
    public static IReadOnlyList<MachineDescription> All { get; } =
    [
        MachineDescription.Smp("default", "one CPU with FEAT_HAFDBS (HA+DBM): the single-agent machine", 1, Hafdbs),
        MachineDescription.Smp("hafdbs", "4 CPUs with FEAT_HAFDBS (HA+DBM)", 4, Hafdbs),
        MachineDescription.Smp("no-dbm", "4 CPUs with the hardware access flag but no DBM (e.g. Cortex-A55, erratum 1024718)", 4, NoDbm),
        new("mixed-dbm", "2 CPUs with DBM and 2 without: the kernel enables HD per CPU",
            [Hafdbs with { Name = "cpu0" }, Hafdbs with { Name = "cpu1" }, NoDbm with { Name = "cpu2" }, NoDbm with { Name = "cpu3" }]),
        MachineDescription.Smp("smmu-no-httu", "4 HAFDBS CPUs + an SMMUv3 in SVA mode without HTTU (A/D faults, per-entry walker)", 4, Hafdbs, SmmuNoHttu),
        MachineDescription.Smp("smmu-httu", "4 HAFDBS CPUs + an SMMUv3 in SVA mode with HTTU (HA+HD)", 4, Hafdbs, SmmuHttu),
        MachineDescription.Smp("bbml2", "4 HAFDBS CPUs + an HTTU SMMUv3, every agent with BBML2_NOABORT", 4, Hafdbs with { Bbml2NoAbort = true }, SmmuHttu with { Bbml2NoAbort = true }),
    ];

    /// <inheritdoc/>
    public override IReadOnlyList<MachineDescription> Presets => All;

    /// <inheritdoc/>
    protected override IReadOnlyList<AgentKind> AgentKinds => [AgentKind.Cpu, AgentKind.Smmu];

    /// <inheritdoc/>
    protected override bool HasBbml2 => true;

    /// <inheritdoc/>
    public override string? Validate(AgentSpec agent) =>
        base.Validate(agent) ?? (agent.HardwareDirty && !agent.HardwareAccessFlag
            ? $"agent '{agent.Name}': hardware dirty (DBM / HTTU HD) needs the hardware access flag (HA)"
            : null);

    /// <summary>
    /// With BBML2_NOABORT on every agent, the contpte helpers that elide contpte_convert()'s intermediate flush, and the
    /// upstream finding that comes with it (<see cref="Arm64KnownFindings.Bbml2"/>).
    /// </summary>
    /// <remarks>Kernel: system_supports_bbml2_noabort() in contpte_convert()</remarks>
    public override ArchInstance ForMachine(ArchInstance arch, MachineDescription machine)
    {
        ArgumentNullException.ThrowIfNull(arch);
        ArgumentNullException.ThrowIfNull(machine);
        return machine.Bbml2NoAbort && bbml2Ops is not null && arch.Ops is Arm64ContPteOps { Bbml2NoAbort: false }
            ? arch.WithOps(bbml2Ops(), arch.Description + ", BBML2_NOABORT").WithKnownFindings([.. arch.KnownFindings, .. Arm64KnownFindings.Bbml2])
            : arch;
    }

    /// <inheritdoc/>
    public override EffectiveAgent Effective(AgentSpec agent)
    {
        ArgumentNullException.ThrowIfNull(agent);
        var (ha, hd, note) = agent.Kind == AgentKind.Cpu && !hwAfdbm
            ? (false, false, agent.HardwareAccessFlag ? "CONFIG_ARM64_HW_AFDBM=n: the kernel leaves TCR_EL1.HA/HD clear" : "")
            : (agent.HardwareAccessFlag, agent.HardwareDirty, "");
        return new EffectiveAgent(agent, ha, hd, new Arm64HardwareModel(ha, hd, contPtes), note);
    }
}
