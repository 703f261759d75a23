using ArchPgtable.Machines;
using ArchPgtable.Mm.Memory;

namespace ArchPgtable.Mm;

/// <summary>How a simulated machine is built.</summary>
public sealed record MmOptions
{
    /// <summary>Physical memory in pages (default 2^19: 2 GiB of 4 KiB pages).</summary>
    public long PhysicalPages { get; init; } = 1L << 19;

    /// <summary>TLB entries (default 2048).</summary>
    public int TlbEntries { get; init; } = 2048;

    /// <summary>Which entry of a contiguous block the MMU evaluates (default <see cref="ContPolicy.Random"/>).</summary>
    public ContPolicy ContPolicy { get; init; } = ContPolicy.Random;

    /// <summary>The seed of every random choice the hardware makes.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Keep the data-integrity oracle (default on; it costs a dictionary entry per touched page).</summary>
    public bool Oracle { get; init; } = true;

    /// <summary>The anonymous folio sizes the fault path allocates (default base pages only).</summary>
    public ThpPolicy Thp { get; init; } = ThpPolicy.BasePagesOnly;

    /// <summary>
    /// The machine: its agents (CPUs, SMMU/IOMMU) and their capabilities. Null (the default) builds the single-agent
    /// machine: one CPU following the build's hardware model with <see cref="TlbEntries"/> and <see cref="ContPolicy"/>.
    /// With a machine, each agent's TLB size and block entry come from its description.
    /// </summary>
    public MachineDescription? Machine { get; init; }

    /// <summary>
    /// Fault injection: TLB maintenance from core mm reaches only the default agent (a local TLBI with no broadcast and
    /// no mmu-notifier call), so other agents keep stale entries. Off by default; the multi-agent tests use it to show
    /// that a stale entry left after a flush is reported.
    /// </summary>
    public bool LocalFlushOnly { get; init; }

    /// <summary>Faults one access may take before the run records a fault livelock and gives the access up (default 16).</summary>
    public int MaxFaultsPerAccess { get; init; } = 16;

    /// <summary>How reclaim (explicit and direct) checks references: per entry, or batched as mainline does (default).</summary>
    public Operations.ReferenceAlgorithm Referenced { get; init; } = Operations.ReferenceAlgorithm.New;

    /// <summary>Map the shared zero page on a read fault of untouched anonymous memory (default on, as Linux does).</summary>
    public bool UseZeroPage { get; init; } = true;

    /// <summary>
    /// Map a PMD-order folio with one leaf PMD when <see cref="Thp"/> enables the PMD order and the VMA covers an aligned
    /// PMD range (default on, as Linux does). Off, such folios are PTE-mapped like the smaller mTHP sizes — what the
    /// published fork/mprotect/mremap tables measured as "PTE-mapped THP".
    /// </summary>
    public bool PmdMapping { get; init; } = true;
}
