using ArchPgtable.Kconfig;

namespace ArchPgtable.Generic;

/// <summary>Kconfig symbols from mm/Kconfig and lib/Kconfig.debug that every architecture plugin honours.</summary>
public static class CommonKconfig
{
    /// <summary>Transparent huge pages (and with them mTHP anon folios).</summary>
    /// <remarks>Kernel: CONFIG_TRANSPARENT_HUGEPAGE (mm/Kconfig)</remarks>
    public const string TransparentHugepage = "CONFIG_TRANSPARENT_HUGEPAGE";

    /// <summary>Check entry-level batch preconditions (present entries, none targets for set_ptes).</summary>
    /// <remarks>Kernel: CONFIG_DEBUG_VM (lib/Kconfig.debug)</remarks>
    public const string DebugVm = "CONFIG_DEBUG_VM";

    /// <summary>The common symbols with their defaults.</summary>
    public static IReadOnlyList<KconfigSymbol> Symbols { get; } =
    [
        KconfigSymbol.Bool(TransparentHugepage, true, "Transparent huge pages and multi-size THP (mTHP) anon folios."),
        KconfigSymbol.Bool(DebugVm, true, "Check the batch contract's entry-level preconditions (present entries, empty set_ptes targets)."),
    ];
}
