using ArchPgtable.Contracts.Tests.Support;
using ArchPgtable.Kconfig;
using ArchPgtable.Plugins;
using ArchPgtable.X86;

namespace ArchPgtable.Contracts.Tests;

// The contract suite on both shipped x86_64 configurations: SavedDirty (CONFIG_X86_USER_SHADOW_STACK) on and off.

public sealed class X86_64_SavedDirty : ArchContractTests
{
    protected override ArchInstance CreateArch() => X86Builds.Build(shadowStack: true);
}

public sealed class X86_64_NoSavedDirty : ArchContractTests
{
    protected override ArchInstance CreateArch() => X86Builds.Build(shadowStack: false);
}

internal static class X86Builds
{
    public static ArchInstance Build(bool shadowStack)
    {
        var plugin = new X86ArchPlugin();
        var config = KconfigResolver.Resolve(plugin.Arch, plugin.Kconfig,
            [KernelConfig.FromAssignments("test", [$"{X86Kconfig.UserShadowStack}={(shadowStack ? "y" : "n")}"])]);
        return plugin.Build(config);
    }
}
