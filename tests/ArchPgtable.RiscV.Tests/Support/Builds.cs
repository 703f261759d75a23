using ArchPgtable.Kconfig;
using ArchPgtable.Plugins;

namespace ArchPgtable.RiscV.Tests.Support;

/// <summary>riscv64 built as the host builds it: the defconfig plus assignments, resolved as Kconfig would.</summary>
public static class Builds
{
    public static EffectiveConfig Config(params (string Symbol, string Value)[] assignments)
    {
        var plugin = new RiscVArchPlugin();
        return KconfigResolver.Resolve(plugin.Arch, plugin.Kconfig,
            [KernelConfig.FromAssignments("test", assignments.Select(a => $"{a.Symbol}={a.Value}"))]);
    }

    public static ArchInstance Arch(params (string Symbol, string Value)[] assignments) => new RiscVArchPlugin().Build(Config(assignments));
}
