using ArchPgtable.Generic;
using ArchPgtable.Generic.Contiguous;
using ArchPgtable.Kconfig;
using ArchPgtable.Plugins;

namespace ToyArch;

/// <summary>
/// The toy architecture, exported to the host with <see cref="ArchPluginAttribute"/>. It honours
/// its own symbols (CONFIG_TOY_HW_YOUNG, CONFIG_TOY_CONT and the known-bad CONFIG_TOY_CONT_FORGET_STRIP)
/// and the common ones.
/// </summary>
/// <remarks>Kernel: arch/toy/ (ARCH=toy)</remarks>
[ArchPlugin(ArchName, Description = "Sample out-of-tree arch: own PTE bits, hardware YOUNG, one override",
    Symbols = [HwYoung, Cont, ContForgetStrip, CommonKconfig.TransparentHugepage, CommonKconfig.DebugVm])]
public sealed class ToyArchPlugin : IArchPlugin
{
    /// <summary>The architecture name.</summary>
    /// <remarks>Kernel: ARCH=toy</remarks>
    public const string ArchName = "toy";

    /// <summary>The hardware sets YOUNG; n makes an access to an old entry fault.</summary>
    /// <remarks>Kernel: CONFIG_TOY_HW_YOUNG (arch/toy/Kconfig)</remarks>
    public const string HwYoung = "CONFIG_TOY_HW_YOUNG";

    /// <summary>Map large folios with 16-entry contiguous blocks through the Generic contiguous-block layer.</summary>
    /// <remarks>Kernel: CONFIG_TOY_CONT (arch/toy/Kconfig; the role of CONFIG_ARM64_CONTPTE)</remarks>
    public const string Cont = "CONFIG_TOY_CONT";

    /// <summary>Known bad, for the sample: the unfold forgets to clear the CONT bit; <c>verify</c> catches it.</summary>
    /// <remarks>Kernel: none (a deliberate bug)</remarks>
    public const string ContForgetStrip = "CONFIG_TOY_CONT_FORGET_STRIP";

    /// <inheritdoc/>
    public string Arch => ArchName;

    /// <inheritdoc/>
    public IReadOnlyList<KconfigSymbol> Kconfig { get; } =
    [
        KconfigSymbol.Bool(HwYoung, true, "The MMU sets YOUNG itself; n = an access to an old entry faults."),
        KconfigSymbol.Bool(Cont, false, "Contiguous 64 KiB blocks (CONT bit) through the Generic contiguous-block layer."),
        KconfigSymbol.Bool(ContForgetStrip, false, "Known bad (sample): the unfold forgets to clear CONT; verify catches it.", Cont),
        .. CommonKconfig.Symbols,
    ];

    /// <inheritdoc/>
    public ArchInstance Build(EffectiveConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var debugVm = config.IsEnabled(CommonKconfig.DebugVm);
        var cont = config.IsEnabled(Cont);
        GenericPageTableOps ops = cont
            ? new ToyContPageTableOps(debugVm, forgetStrip: config.IsEnabled(ContForgetStrip))
            : new ToyPageTableOps(debugVm);
        return new ArchInstance
        {
            Arch = ArchName,
            Config = config,
            Geometry = ops.Geometry,
            Format = ops.Format,
            Ops = ops,
            Hardware = new ToyHardwareModel(config.IsEnabled(HwYoung)),
            Invariants = cont ? new ContiguousInvariants<ToyContEncoding>(default, ToyPteBits.ContPtes, ToyPteFormat.Instance, ToyPteBits.Cont) : null,
            Description = $"toy, 4K pages, 39-bit VA, {(config.IsEnabled(HwYoung) ? "hardware" : "software")} YOUNG{(cont ? ", 64K contiguous blocks" : "")}",
        };
    }
}
