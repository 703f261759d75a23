using ArchPgtable.Arm64;
using ArchPgtable.Kconfig;
using ArchPgtable.Plugins;
using ArchPgtable.RiscV;
using ArchPgtable.X86;

namespace ArchPgtable.Benchmarks;

/// <summary>The architecture builds the benchmarks use: arm64 defconfig, with CONFIG_DEBUG_VM off (as a production kernel).</summary>
internal static class Archs
{
    public static ArchInstance Arm64()
    {
        var plugin = new Arm64ArchPlugin();
        var config = KconfigResolver.Resolve("arm64", plugin.Kconfig,
            [KernelConfig.FromAssignments("bench", ["CONFIG_DEBUG_VM=n"])]);
        return plugin.Build(config);
    }

    /// <summary>
    /// The three arches with their default configurations, each with CONFIG_DEBUG_VM off: arm64 (contpte), x86_64, and
    /// riscv64 (Svnapot with THP, so its NAPOT block layer).
    /// </summary>
    public static ArchInstance[] WithBlocks() =>
    [
        Arm64(),
        Build(new X86ArchPlugin(), "x86_64", []),
        Build(new RiscVArchPlugin(), "riscv64", ["CONFIG_TRANSPARENT_HUGEPAGE=y", "CONFIG_RISCV_ISA_SVNAPOT=y"]),
    ];

    private static ArchInstance Build(IArchPlugin plugin, string arch, string[] assignments) =>
        plugin.Build(KconfigResolver.Resolve(arch, plugin.Kconfig,
            [KernelConfig.FromAssignments("bench", ["CONFIG_DEBUG_VM=n", .. assignments])]));
}
