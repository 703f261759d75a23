using ArchPgtable.Kconfig;

namespace ArchPgtable.Plugins;

/// <summary>
/// An architecture plugin: the Kconfig symbols it honours and a factory that builds its
/// geometry, PTE format and page-table helpers for a resolved configuration. Export an
/// implementation with <see cref="ArchPluginAttribute"/>.
/// </summary>
/// <remarks>Kernel: arch/&lt;arch&gt;/ as selected by ARCH=.</remarks>
public interface IArchPlugin
{
    /// <summary>The architecture name, e.g. <c>arm64</c>.</summary>
    /// <remarks>Kernel: ARCH=</remarks>
    string Arch { get; }

    /// <summary>The Kconfig symbols this plugin honours, with defaults (its defconfig), dependencies and choices.</summary>
    /// <remarks>Kernel: arch/&lt;arch&gt;/Kconfig and arch/&lt;arch&gt;/configs/defconfig</remarks>
    IReadOnlyList<KconfigSymbol> Kconfig { get; }

    /// <summary>Builds the architecture for a configuration resolved against <see cref="Kconfig"/>.</summary>
    /// <exception cref="ArgumentException">The configuration is not one this plugin can build.</exception>
    ArchInstance Build(EffectiveConfig config);
}
