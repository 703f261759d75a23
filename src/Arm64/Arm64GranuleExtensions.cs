namespace ArchPgtable.Arm64;

/// <summary>The constants a granule fixes: PAGE_SHIFT, CONT_PTES, its Kconfig symbol and the geometry it gives.</summary>
/// <remarks>Kernel: PAGE_SHIFT, CONFIG_ARM64_CONT_PTE_SHIFT, CONT_PTES (arch/arm64/Kconfig, asm/pgtable-hwdef.h).</remarks>
public static class Arm64GranuleExtensions
{
    /// <summary>log2 of the page size.</summary>
    /// <remarks>Kernel: PAGE_SHIFT</remarks>
    public static int PageShift(this Arm64Granule granule) => granule switch
    {
        Arm64Granule.Granule4K or Arm64Granule.Granule16K or Arm64Granule.Granule64K => (int)granule,
        _ => throw new ArgumentOutOfRangeException(nameof(granule), granule, "Unknown arm64 granule."),
    };

    /// <summary>log2 of the number of entries in a contiguous block (4, 7 or 5).</summary>
    /// <remarks>Kernel: CONFIG_ARM64_CONT_PTE_SHIFT</remarks>
    public static int ContPteShift(this Arm64Granule granule) => granule switch
    {
        Arm64Granule.Granule4K => 4,
        Arm64Granule.Granule16K => 7,
        Arm64Granule.Granule64K => 5,
        _ => throw new ArgumentOutOfRangeException(nameof(granule), granule, "Unknown arm64 granule."),
    };

    /// <summary>Entries in a contiguous block: 16, 128 or 32.</summary>
    /// <remarks>Kernel: CONT_PTES</remarks>
    public static int ContPtes(this Arm64Granule granule) => 1 << granule.ContPteShift();

    /// <summary>The Kconfig symbol that selects this granule.</summary>
    /// <remarks>Kernel: CONFIG_ARM64_4K_PAGES, CONFIG_ARM64_16K_PAGES, CONFIG_ARM64_64K_PAGES</remarks>
    public static string KconfigSymbol(this Arm64Granule granule) => granule switch
    {
        Arm64Granule.Granule4K => Arm64Kconfig.Pages4K,
        Arm64Granule.Granule16K => Arm64Kconfig.Pages16K,
        Arm64Granule.Granule64K => Arm64Kconfig.Pages64K,
        _ => throw new ArgumentOutOfRangeException(nameof(granule), granule, "Unknown arm64 granule."),
    };

    /// <summary>A short name: <c>4K</c>, <c>16K</c> or <c>64K</c>.</summary>
    /// <remarks>Kernel: the Kconfig prompt ("4KB", "16KB", "64KB").</remarks>
    public static string ShortName(this Arm64Granule granule) => granule switch
    {
        Arm64Granule.Granule4K => "4K",
        Arm64Granule.Granule16K => "16K",
        Arm64Granule.Granule64K => "64K",
        _ => throw new ArgumentOutOfRangeException(nameof(granule), granule, "Unknown arm64 granule."),
    };

    /// <summary>The page-table geometry of this granule with <paramref name="vaBits"/> of virtual address.</summary>
    /// <remarks>Kernel: PAGE_SHIFT, PTRS_PER_PTE, CONFIG_PGTABLE_LEVELS, CONT_PTES for a given VA_BITS.</remarks>
    public static ArchGeometry Geometry(this Arm64Granule granule, int vaBits = 48) =>
        new(granule.PageShift(), vaBits, granule.ContPtes());
}
