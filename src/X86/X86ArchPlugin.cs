using ArchPgtable.Generic;
using ArchPgtable.Kconfig;
using ArchPgtable.Plugins;

namespace ArchPgtable.X86;

/// <summary>
/// The x86-64 architecture: 4-level paging with 4 KiB pages and a 48-bit VA, hardware-managed
/// Accessed/Dirty bits, SavedDirty for write-protected dirty entries, no contiguous mappings,
/// and x86's overrides of the single-entry helpers (atomic get-and-clear, test-and-clear-young
/// without a flush, cmpxchg write-protect, access flags stored only on a write fault).
/// </summary>
/// <remarks>Kernel: arch/x86/ (CONFIG_X86_64)</remarks>
[ArchPlugin(ArchName, Description = "x86-64: 4-level paging, hardware A/D, SavedDirty, x86's single-entry overrides; no contiguous PTEs",
    Symbols = [X86Kconfig.UserShadowStack, CommonKconfig.TransparentHugepage, CommonKconfig.DebugVm])]
public sealed class X86ArchPlugin : IArchPlugin
{
    /// <summary>The architecture name.</summary>
    /// <remarks>Kernel: ARCH=x86_64</remarks>
    public const string ArchName = "x86_64";

    /// <inheritdoc/>
    /// <remarks>Kernel: ARCH=x86_64</remarks>
    public string Arch => ArchName;

    /// <inheritdoc/>
    /// <remarks>Kernel: arch/x86/Kconfig</remarks>
    public IReadOnlyList<KconfigSymbol> Kconfig => X86Kconfig.Symbols;

    /// <summary>Builds x86-64 for <paramref name="config"/>: SavedDirty per CONFIG_X86_USER_SHADOW_STACK, the batch checks per CONFIG_DEBUG_VM.</summary>
    /// <exception cref="ArgumentException">The configuration is for another architecture.</exception>
    /// <remarks>Kernel: building arch/x86 with a .config</remarks>
    public ArchInstance Build(EffectiveConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (config.Arch != ArchName)
        {
            throw new ArgumentException($"The x86_64 plugin cannot build ARCH={config.Arch}.", nameof(config));
        }

        var savedDirty = config.IsEnabled(X86Kconfig.UserShadowStack);
        var format = X86PteFormat.For(savedDirty);
        var ops = new X86PageTableOps(format, config.IsEnabled(CommonKconfig.DebugVm));
        return new ArchInstance
        {
            Arch = ArchName,
            Config = config,
            Geometry = ops.Geometry,
            Format = format,
            Ops = ops,
            Hardware = X86HardwareModel.Instance,
            Machines = new X86MachineSupport(),
            PmdOps = new X86PmdOps(format, ops.Geometry),
            Description = $"x86_64, 4K pages, 48-bit VA (4-level), {(savedDirty ? "SavedDirty" : "no SavedDirty (pre-6.6 encoding)")}, hardware A/D",
        };
    }
}
