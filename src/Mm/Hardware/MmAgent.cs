using ArchPgtable.Hardware;
using ArchPgtable.Machines;

namespace ArchPgtable.Mm.Hardware;

/// <summary>
/// One hardware agent of a simulated machine: a CPU or a device walker (SMMU/IOMMU in SVA mode), with its own TLB,
/// its own MMU rules (its effective hardware A/D under the kernel configuration), the entry of a contiguous block it
/// evaluates, and its own counters. Every access names its agent; <see cref="MmSystem.DefaultAgent"/> is the one
/// the single-agent API uses.
/// </summary>
/// <remarks>Kernel: a CPU (its TLB maintained by broadcast TLBI / IPI shootdown) or an IOMMU bound with SVA (its TLB
/// maintained through the mm's mmu notifier, arch_invalidate_secondary_tlbs()).</remarks>
public sealed class MmAgent
{
    internal MmAgent(int index, AgentSpec spec, IHardwareModel hardware, ContPolicy contPolicy, int seed)
    {
        Index = index;
        Spec = spec;
        Hardware = hardware;
        ContPolicy = contPolicy;
        Tlb = new Tlb(spec.TlbEntries);
        Rng = new Random(seed);
    }

    /// <summary>Position in <see cref="MmSystem.Agents"/>.</summary>
    public int Index { get; }

    /// <summary>The agent as the machine describes it.</summary>
    public AgentSpec Spec { get; }

    /// <summary>The agent's name, e.g. <c>cpu1</c> or <c>smmu0</c>.</summary>
    public string Name => Spec.Name;

    /// <summary>True for a device walker, reached by mmu-notifier invalidation rather than TLBI.</summary>
    public bool IsDevice => Spec.IsDevice;

    /// <summary>The MMU rules it follows (effective hardware A/D).</summary>
    public IHardwareModel Hardware { get; }

    /// <summary>Which entry of a contiguous block it evaluates.</summary>
    public ContPolicy ContPolicy { get; }

    /// <summary>Its TLB.</summary>
    public Tlb Tlb { get; }

    /// <summary>Its counters.</summary>
    public MmAgentStats Stats { get; } = new();

    internal Random Rng { get; }

    /// <inheritdoc/>
    public override string ToString() => Name;

    /// <summary>The Mm policy for a machine's block-entry choice.</summary>
    internal static ContPolicy PolicyFor(BlockEntryChoice choice) => choice switch
    {
        BlockEntryChoice.Accessed => ContPolicy.Accessed,
        BlockEntryChoice.First => ContPolicy.First,
        _ => ContPolicy.Random,
    };
}
