using ArchPgtable.Generic;
using ArchPgtable.Kconfig;
using ArchPgtable.Plugins;

namespace ToyArch;

/// <summary>
/// The toy architecture, exported to the host with <see cref="ArchPluginAttribute"/>. It honours
/// one symbol of its own, CONFIG_TOY_HW_YOUNG, and the common ones.
/// </summary>
/// <remarks>Kernel: arch/toy/ (ARCH=toy)</remarks>
[ArchPlugin(ArchName, Description = "Sample out-of-tree arch: own PTE bits, hardware YOUNG, one override",
    Symbols = [HwYoung, CommonKconfig.TransparentHugepage, CommonKconfig.DebugVm])]
public sealed class ToyArchPlugin : IArchPlugin
{
    /// <summary>The architecture name.</summary>
    /// <remarks>Kernel: ARCH=toy</remarks>
    public const string ArchName = "toy";

    /// <summary>The hardware sets YOUNG; n makes an access to an old entry fault.</summary>
    /// <remarks>Kernel: CONFIG_TOY_HW_YOUNG (arch/toy/Kconfig)</remarks>
    public const string HwYoung = "CONFIG_TOY_HW_YOUNG";

    /// <inheritdoc/>
    public string Arch => ArchName;

    /// <inheritdoc/>
    public IReadOnlyList<KconfigSymbol> Kconfig { get; } =
    [
        KconfigSymbol.Bool(HwYoung, true, "The MMU sets YOUNG itself; n = an access to an old entry faults."),
        .. CommonKconfig.Symbols,
    ];

    /// <inheritdoc/>
    public ArchInstance Build(EffectiveConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var ops = new ToyPageTableOps(config.IsEnabled(CommonKconfig.DebugVm));
        return new ArchInstance
        {
            Arch = ArchName,
            Config = config,
            Geometry = ops.Geometry,
            Format = ops.Format,
            Ops = ops,
            Hardware = new ToyHardwareModel(config.IsEnabled(HwYoung)),
            Description = $"toy, 4K pages, 39-bit VA, {(config.IsEnabled(HwYoung) ? "hardware" : "software")} YOUNG",
        };
    }
}
