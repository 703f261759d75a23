namespace ArchPgtable.Machines;

/// <summary>
/// One hardware agent of a machine and what it can do. These are hardware capabilities; what is in force also
/// depends on the kernel configuration (see <see cref="MachineSupport.Effective"/>).
/// </summary>
/// <param name="Name">A unique name, e.g. <c>cpu0</c> or <c>smmu0</c>.</param>
/// <param name="Kind">CPU or device walker.</param>
/// <param name="HardwareAccessFlag">The agent can set the access flag itself (arm64 FEAT_HAFDBS HA / SMMU HTTU HA, x86 always, RISC-V Svadu).</param>
/// <param name="HardwareDirty">The agent can set dirty itself (arm64 DBM HD / SMMU HTTU HD, x86 always, RISC-V Svadu).</param>
/// <param name="BlockEntry">Which entry of a contiguous block it evaluates.</param>
/// <param name="TlbEntries">Its TLB's size in entries.</param>
/// <param name="Bbml2NoAbort">arm64 FEAT_BBML2 without conflict aborts on this agent.</param>
/// <remarks>Kernel: a CPU's ID_AA64MMFR1_EL1.HAFDBS / ID_AA64MMFR2_EL1.BBM, an SMMU's IDR0.HTTU, a hart's Svadu.</remarks>
public sealed record AgentSpec(
    string Name,
    AgentKind Kind,
    bool HardwareAccessFlag,
    bool HardwareDirty,
    BlockEntryChoice BlockEntry = BlockEntryChoice.Any,
    int TlbEntries = 2048,
    bool Bbml2NoAbort = false)
{
    /// <summary>True for a device walker (SMMU, IOMMU).</summary>
    public bool IsDevice => Kind != AgentKind.Cpu;
}
