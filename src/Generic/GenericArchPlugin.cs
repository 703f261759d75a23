using ArchPgtable.Kconfig;
using ArchPgtable.Plugins;

namespace ArchPgtable.Generic;

/// <summary>
/// The neutral reference architecture <c>generic</c>: 4 KiB pages, 48-bit VA, four levels, no
/// contiguous blocks, the <see cref="GenericPteFormat"/> encoding, and only pgtable.h defaults.
/// </summary>
/// <remarks>Kernel: none; what an architecture that overrides nothing would get.</remarks>
[ArchPlugin(ArchName, Description = "Neutral reference architecture: include/linux/pgtable.h defaults only",
    Symbols = [CommonKconfig.TransparentHugepage, CommonKconfig.DebugVm])]
public sealed class GenericArchPlugin : IArchPlugin
{
    /// <summary>The architecture name.</summary>
    public const string ArchName = "generic";

    /// <inheritdoc/>
    public string Arch => ArchName;

    /// <inheritdoc/>
    public IReadOnlyList<KconfigSymbol> Kconfig => CommonKconfig.Symbols;

    /// <inheritdoc/>
    public ArchInstance Build(EffectiveConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var geometry = new ArchGeometry(pageShift: 12, vaBits: 48, contPtes: 1);
        var format = GenericPteFormat.Instance;
        return new ArchInstance
        {
            Arch = ArchName,
            Config = config,
            Geometry = geometry,
            Format = format,
            Ops = new GenericArchOps(format, geometry, config.IsEnabled(CommonKconfig.DebugVm)),
            Hardware = GenericHardwareModel.Instance,
            PmdOps = new GenericPmdOps(format, geometry.PmdSize, geometry.PageShift),
            Description = "generic, 4K pages, 48-bit VA, pgtable.h defaults",
        };
    }
}
