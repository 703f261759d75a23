namespace ArchPgtable.Machines;

/// <summary>Which entry of a contiguous (arm64 PTE_CONT) or NAPOT (RISC-V Svnapot) block an agent evaluates and updates.</summary>
/// <remarks>Kernel: none; hardware-semantics.md §7.5 (the ARM ARM lets the walker use any entry of a consistent block).</remarks>
public enum BlockEntryChoice
{
    /// <summary>The accessed entry itself: a per-descriptor walker (QEMU, a walker that ignores the hint).</summary>
    Accessed,

    /// <summary>The block's first entry.</summary>
    First,

    /// <summary>Any entry of the block, chosen by a seeded random number per walk.</summary>
    Any,
}
