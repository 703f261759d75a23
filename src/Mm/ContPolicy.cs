namespace ArchPgtable.Mm;

/// <summary>Which entry of a contiguous block the simulated MMU evaluates and updates (hardware reference §7.5).</summary>
public enum ContPolicy
{
    /// <summary>The accessed entry itself (a per-descriptor walker, as QEMU does).</summary>
    Accessed,

    /// <summary>The block's first entry.</summary>
    First,

    /// <summary>A seeded random entry of the block on every walk: catches software that reads one entry instead of gathering.</summary>
    Random,
}
