using ArchPgtable.Arm64;
using ArchPgtable.Kconfig;
using ArchPgtable.Plugins;

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
}
