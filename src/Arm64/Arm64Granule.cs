namespace ArchPgtable.Arm64;

/// <summary>
/// The translation granule (base page size) an arm64 kernel is built for. The numeric value of
/// each member is its PAGE_SHIFT.
/// </summary>
/// <remarks>Kernel: the "Page size" choice in arch/arm64/Kconfig (CONFIG_ARM64_4K_PAGES / _16K_ / _64K_).</remarks>
public enum Arm64Granule
{
    /// <summary>4 KiB pages: 512 entries per table, CONT_PTES = 16 (64 KiB blocks).</summary>
    /// <remarks>Kernel: CONFIG_ARM64_4K_PAGES</remarks>
    Granule4K = 12,

    /// <summary>16 KiB pages: 2048 entries per table, CONT_PTES = 128 (2 MiB blocks).</summary>
    /// <remarks>Kernel: CONFIG_ARM64_16K_PAGES</remarks>
    Granule16K = 14,

    /// <summary>64 KiB pages: 8192 entries per table, CONT_PTES = 32 (2 MiB blocks).</summary>
    /// <remarks>Kernel: CONFIG_ARM64_64K_PAGES</remarks>
    Granule64K = 16,
}
