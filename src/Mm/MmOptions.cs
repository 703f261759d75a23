using ArchPgtable.Mm.Memory;

namespace ArchPgtable.Mm;

/// <summary>How a simulated machine is built.</summary>
public sealed class MmOptions
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

    /// <summary>Map the shared zero page on a read fault of untouched anonymous memory (default on, as Linux does).</summary>
    public bool UseZeroPage { get; init; } = true;
}
