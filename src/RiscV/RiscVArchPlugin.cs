using System.Globalization;
using ArchPgtable.Generic;
using ArchPgtable.Generic.Contiguous;
using ArchPgtable.Kconfig;
using ArchPgtable.Plugins;

namespace ArchPgtable.RiscV;

/// <summary>
/// The riscv64 architecture: Sv39 or Sv48 with 4 KiB pages, A/D by the hart (Svadu) or by page
/// fault (Svade), and — with CONFIG_RISCV_ISA_SVNAPOT and THP — 64 KiB NAPOT mappings of large
/// anonymous folios through a contpte-style layer. Upstream Linux uses NAPOT for hugetlb only,
/// so that layer is modelled (on arm64 contpte and the unmerged riscv contpte RFC), not
/// upstream; with CONFIG_RISCV_ISA_SVNAPOT=n the helpers are exactly riscv's upstream ones.
/// </summary>
/// <remarks>Kernel: arch/riscv/ (CONFIG_64BIT)</remarks>
[ArchPlugin(ArchName, Description = "RISC-V RV64: Sv39/Sv48, Svadu/Svade; Svnapot contpte-style layer for large folios (modelled on arm64 contpte: upstream uses NAPOT for hugetlb only; SVNAPOT=n is upstream-faithful)",
    Symbols = [RiscVKconfig.Sv39, RiscVKconfig.Sv48, RiscVKconfig.Svadu, RiscVKconfig.Svnapot, CommonKconfig.TransparentHugepage, CommonKconfig.DebugVm])]
public sealed class RiscVArchPlugin : IArchPlugin
{
    /// <summary>The architecture name.</summary>
    /// <remarks>Kernel: ARCH=riscv with CONFIG_64BIT</remarks>
    public const string ArchName = "riscv64";

    /// <inheritdoc/>
    /// <remarks>Kernel: ARCH=riscv</remarks>
    public string Arch => ArchName;

    /// <inheritdoc/>
    /// <remarks>Kernel: arch/riscv/Kconfig</remarks>
    public IReadOnlyList<KconfigSymbol> Kconfig => RiscVKconfig.Symbols;

    /// <summary>
    /// Builds riscv64 for <paramref name="config"/>: exactly one paging mode must be y; the NAPOT
    /// layer is used when both CONFIG_RISCV_ISA_SVNAPOT and CONFIG_TRANSPARENT_HUGEPAGE are y,
    /// riscv's upstream helpers otherwise; the hart follows Svadu or Svade per
    /// CONFIG_RISCV_ISA_SVADU and honours NAPOT entries per CONFIG_RISCV_ISA_SVNAPOT. With the NAPOT
    /// layer the arch invariants are the layer's block rules (<see cref="ContiguousInvariants{TEncoding}"/>
    /// over <see cref="RiscVNapotEncoding"/>); without it there are none (no helper writes a NAPOT entry).
    /// </summary>
    /// <exception cref="ArgumentException">The configuration is for another architecture, or selects no paging mode or both.</exception>
    /// <remarks>Kernel: building arch/riscv with a .config (and booting it on a hart with these extensions)</remarks>
    public ArchInstance Build(EffectiveConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (config.Arch != ArchName)
        {
            throw new ArgumentException($"The riscv64 plugin cannot build ARCH={config.Arch}.", nameof(config));
        }

        var mode = SelectMode(config);
        var svadu = config.IsEnabled(RiscVKconfig.Svadu);
        var svnapot = config.IsEnabled(RiscVKconfig.Svnapot);
        var napotLayer = svnapot && config.IsEnabled(CommonKconfig.TransparentHugepage);
        var debugVm = config.IsEnabled(CommonKconfig.DebugVm);
        GenericPageTableOps ops = napotLayer ? new RiscVNapotOps(mode, debugVm) : new RiscVPageTableOps(mode, debugVm);
        return new ArchInstance
        {
            Arch = ArchName,
            Config = config,
            Geometry = ops.Geometry,
            Format = ops.Format,
            Ops = ops,
            Hardware = new RiscVHardwareModel(svadu, svnapot),
            Machines = new RiscVMachineSupport(svadu, svnapot),
            PmdOps = new RiscVPmdOps((RiscVPteFormat)ops.Format, ops.Geometry),
            Invariants = napotLayer ? new ContiguousInvariants<RiscVNapotEncoding>(default, RiscVPteBits.NapotPtes, ops.Format, privateViewBits: 0) : null,
            KnownFindings = svadu ? RiscVKnownFindings.Svadu : [],
            Description = string.Create(CultureInfo.InvariantCulture,
                $"riscv64, 4K pages, {mode} ({ops.Geometry.Levels}-level), {(svadu ? "Svadu" : "Svade")}, {(napotLayer ? "Svnapot contpte-style layer (modelled, not upstream)" : "upstream helpers (no NAPOT for anon folios)")}"),
        };
    }

    /// <summary>The one paging mode that is y.</summary>
    /// <exception cref="ArgumentException">None or both are y.</exception>
    /// <remarks>Kernel: the satp mode chosen at boot</remarks>
    public static RiscVPagingMode SelectMode(EffectiveConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var sv39 = config.IsEnabled(RiscVKconfig.Sv39);
        var sv48 = config.IsEnabled(RiscVKconfig.Sv48);
        if (sv39 != sv48)
        {
            return sv39 ? RiscVPagingMode.Sv39 : RiscVPagingMode.Sv48;
        }

        throw new ArgumentException(
            $"riscv64: exactly one of {RiscVKconfig.Sv39}, {RiscVKconfig.Sv48} (choice {RiscVKconfig.PagingModeChoice}) must be y, but {(sv39 ? "both are" : "none is")} set.",
            nameof(config));
    }
}
