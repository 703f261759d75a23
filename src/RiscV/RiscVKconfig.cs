using ArchPgtable.Generic;
using ArchPgtable.Kconfig;

namespace ArchPgtable.RiscV;

/// <summary>
/// The Kconfig symbols the riscv64 plugin honours, with their defaults. Two of them stand for
/// choices upstream makes at boot rather than in Kconfig; their docs say which.
/// </summary>
/// <remarks>Kernel: arch/riscv/Kconfig</remarks>
public static class RiscVKconfig
{
    /// <summary>The choice group of the paging modes: exactly one is y.</summary>
    /// <remarks>Kernel: none (upstream probes satp at boot)</remarks>
    public const string PagingModeChoice = "RISCV_PAGING_MODE";

    /// <summary>
    /// Sv39 (three levels). Not an upstream symbol: upstream builds with CONFIG_PGTABLE_LEVELS=5
    /// and picks Sv57, Sv48 or Sv39 at boot (the hart's satp modes, the no4lvl/no5lvl
    /// parameters). This choice stands for that boot-time decision.
    /// </summary>
    /// <remarks>Kernel: satp mode Sv39 (set_satp_mode())</remarks>
    public const string Sv39 = "CONFIG_RISCV_SV39";

    /// <summary>Sv48 (four levels), the default. Not an upstream symbol; see <see cref="Sv39"/>.</summary>
    /// <remarks>Kernel: satp mode Sv48 (set_satp_mode())</remarks>
    public const string Sv48 = "CONFIG_RISCV_SV48";

    /// <summary>
    /// The hart updates A/D itself (Svadu, menvcfg.ADUE=1); n = Svade: an access with A=0, or a
    /// store with D=0, is a page fault and the kernel sets the bits. Not an upstream symbol:
    /// upstream detects Svadu at boot (riscv_has_extension_unlikely(RISCV_ISA_EXT_SVADU), which
    /// is also what arch_has_hw_pte_young() returns).
    /// </summary>
    /// <remarks>Kernel: RISCV_ISA_EXT_SVADU (runtime-detected)</remarks>
    public const string Svadu = "CONFIG_RISCV_ISA_SVADU";

    /// <summary>
    /// Svnapot 64 KiB NAPOT mappings. Upstream (the real symbol) uses them for hugetlb only; with
    /// CONFIG_TRANSPARENT_HUGEPAGE too, this plugin also maps large anonymous folios with them
    /// through a contpte-style layer modelled on arm64's contpte and the unmerged riscv contpte
    /// RFC. n gives the upstream riscv helpers exactly.
    /// </summary>
    /// <remarks>Kernel: CONFIG_RISCV_ISA_SVNAPOT (upstream: hugetlb and the vmap of huge pages only)</remarks>
    public const string Svnapot = "CONFIG_RISCV_ISA_SVNAPOT";

    /// <summary>The two paging-mode symbols, in choice order.</summary>
    /// <remarks>Kernel: none</remarks>
    public static IReadOnlyList<string> PagingModeSymbols { get; } = [Sv39, Sv48];

    /// <summary>Every riscv64 symbol followed by the common ones (<see cref="CommonKconfig.Symbols"/>).</summary>
    /// <remarks>Kernel: arch/riscv/Kconfig plus mm/Kconfig and lib/Kconfig.debug</remarks>
    public static IReadOnlyList<KconfigSymbol> Symbols { get; } =
    [
        KconfigSymbol.Bool(Sv39, false, "Sv39 paging: 3 levels, 39-bit VA (upstream: a boot-time satp choice).") with { Choice = PagingModeChoice },
        KconfigSymbol.Bool(Sv48, true, "Sv48 paging: 4 levels, 48-bit VA (upstream: a boot-time satp choice).") with { Choice = PagingModeChoice },
        KconfigSymbol.Bool(Svadu, true, "Svadu: the hart sets A/D with an atomic update; n = Svade, A/D by page fault (upstream: detected at boot)."),
        KconfigSymbol.Bool(Svnapot, true, "Svnapot 64KB NAPOT mappings; with THP, also for large anon folios via a contpte-style layer (modelled; upstream: hugetlb only)."),
        .. CommonKconfig.Symbols,
    ];
}
