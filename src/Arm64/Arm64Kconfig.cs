using ArchPgtable.Generic;
using ArchPgtable.Kconfig;

namespace ArchPgtable.Arm64;

/// <summary>The Kconfig symbols the arm64 plugin honours, with their defaults (its defconfig), dependencies and choice.</summary>
/// <remarks>Kernel: arch/arm64/Kconfig and arch/arm64/configs/defconfig</remarks>
public static class Arm64Kconfig
{
    /// <summary>The choice group of the three granules: exactly one is y.</summary>
    /// <remarks>Kernel: choice prompt "Page size" (ARM64_PAGE_SIZE)</remarks>
    public const string PageSizeChoice = "ARM64_PAGE_SIZE";

    /// <summary>4 KiB pages (default).</summary>
    /// <remarks>Kernel: CONFIG_ARM64_4K_PAGES</remarks>
    public const string Pages4K = "CONFIG_ARM64_4K_PAGES";

    /// <summary>16 KiB pages.</summary>
    /// <remarks>Kernel: CONFIG_ARM64_16K_PAGES</remarks>
    public const string Pages16K = "CONFIG_ARM64_16K_PAGES";

    /// <summary>64 KiB pages.</summary>
    /// <remarks>Kernel: CONFIG_ARM64_64K_PAGES</remarks>
    public const string Pages64K = "CONFIG_ARM64_64K_PAGES";

    /// <summary>Virtual address bits (48).</summary>
    /// <remarks>Kernel: CONFIG_ARM64_VA_BITS</remarks>
    public const string VaBits = "CONFIG_ARM64_VA_BITS";

    /// <summary>Transparent contiguous PTEs for user mappings; depends on CONFIG_TRANSPARENT_HUGEPAGE.</summary>
    /// <remarks>Kernel: CONFIG_ARM64_CONTPTE</remarks>
    public const string ContPte = "CONFIG_ARM64_CONTPTE";

    /// <summary>Hardware access-flag and dirty-state management (FEAT_HAFDBS); declared here, used by the MMU model.</summary>
    /// <remarks>Kernel: CONFIG_ARM64_HW_AFDBM</remarks>
    public const string HwAfdbm = "CONFIG_ARM64_HW_AFDBM";

    /// <summary>The default virtual address width.</summary>
    /// <remarks>Kernel: CONFIG_ARM64_VA_BITS default (48)</remarks>
    public const int DefaultVaBits = 48;

    /// <summary>The three granule symbols, in Kconfig order.</summary>
    /// <remarks>Kernel: the members of the "Page size" choice</remarks>
    public static IReadOnlyList<string> GranuleSymbols { get; } = [Pages4K, Pages16K, Pages64K];

    /// <summary>Every arm64 symbol followed by the common ones (<see cref="CommonKconfig.Symbols"/>).</summary>
    /// <remarks>Kernel: arch/arm64/Kconfig plus mm/Kconfig and lib/Kconfig.debug</remarks>
    public static IReadOnlyList<KconfigSymbol> Symbols { get; } =
    [
        KconfigSymbol.Bool(Pages4K, true, "4KB pages: 512 PTEs per table, 16-entry (64KB) contiguous blocks.") with { Choice = PageSizeChoice },
        KconfigSymbol.Bool(Pages16K, false, "16KB pages: 2048 PTEs per table, 128-entry (2MB) contiguous blocks.") with { Choice = PageSizeChoice },
        KconfigSymbol.Bool(Pages64K, false, "64KB pages: 8192 PTEs per table, 32-entry (2MB) contiguous blocks.") with { Choice = PageSizeChoice },
        KconfigSymbol.Int(VaBits, DefaultVaBits, "Virtual address space size in bits."),
        KconfigSymbol.Bool(ContPte, true, "Transparently use contiguous PTE blocks for user mappings of large folios (contpte).", CommonKconfig.TransparentHugepage),
        KconfigSymbol.Bool(HwAfdbm, true, "Let the hardware set the access flag and dirty state (FEAT_HAFDBS) where the CPU supports it."),
        .. CommonKconfig.Symbols,
    ];
}
