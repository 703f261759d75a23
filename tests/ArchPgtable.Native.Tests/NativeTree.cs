using ArchPgtable.Arm64;
using ArchPgtable.Generic;
using ArchPgtable.Kconfig;
using ArchPgtable.Plugins;

namespace ArchPgtable.Native.Tests;

/// <summary>The Debian 6.12 tree the tests build from, and the model builds they compose with.</summary>
internal static class NativeTree
{
    /// <summary>Debian's linux-source-6.12 tarball (.ci/run installs it); ARCHPGTABLE_TEST_KERNEL_TREE overrides.</summary>
    public static string Path =>
        Environment.GetEnvironmentVariable("ARCHPGTABLE_TEST_KERNEL_TREE") is { Length: > 0 } p ? p : "/usr/src/linux-source-6.12.tar.xz";

    /// <summary>The default cache (ARCHPGTABLE_CACHE_DIR, XDG_CACHE_HOME/archpgtable or ~/.cache/archpgtable), shared with the
    /// host tests and the CLI: the first extraction from the tarball takes ~30 s, later builds are instant.</summary>
    public static string? Cache => null;

    public static string TestData(string name) => System.IO.Path.Combine(AppContext.BaseDirectory, "TestData", name);

    public static ArchInstance Model(Arm64Granule granule = Arm64Granule.Granule4K, bool hafdbs = true)
    {
        var values = new Dictionary<string, string>
        {
            [Arm64Kconfig.Pages4K] = "n",
            [Arm64Kconfig.Pages16K] = "n",
            [Arm64Kconfig.Pages64K] = "n",
            [Arm64Kconfig.VaBits] = "48",
            [Arm64Kconfig.ContPte] = "y",
            [Arm64Kconfig.HwAfdbm] = hafdbs ? "y" : "n",
            [CommonKconfig.TransparentHugepage] = "y",
            [CommonKconfig.DebugVm] = "y",
        };
        values[granule.KconfigSymbol()] = "y";
        return new Arm64ArchPlugin().Build(new EffectiveConfig(Arm64ArchPlugin.ArchName, values));
    }

    /// <summary>The shipped x86_64 model (its defaults: CONFIG_X86_USER_SHADOW_STACK=y, the v6.6+ SavedDirty encoding).</summary>
    public static ArchInstance X86Model(bool shadowStack = true) =>
        new ArchPgtable.X86.X86ArchPlugin().Build(new EffectiveConfig(ArchPgtable.X86.X86ArchPlugin.ArchName, new Dictionary<string, string>
        {
            [ArchPgtable.X86.X86Kconfig.UserShadowStack] = shadowStack ? "y" : "n",
            [CommonKconfig.TransparentHugepage] = "y",
            [CommonKconfig.DebugVm] = "y",
        }));

    /// <summary>The x86_64 helpers of the tree (arch/x86/include/asm/pgtable.h, arch/x86/mm/pgtable.c, the pgtable.h defaults).</summary>
    public static ArchInstance X86(string? patch = null) =>
        NativeArch.Compose(X86Model(), new NativeArchOptions { KernelTree = Path, Patch = patch, CacheDirectory = Cache });

    /// <summary>The shipped riscv64 model; <paramref name="svnapot"/> false selects upstream's helpers (no NAPOT layer for anon folios).</summary>
    public static ArchInstance RiscVModel(bool svnapot = false) =>
        new ArchPgtable.RiscV.RiscVArchPlugin().Build(new EffectiveConfig(ArchPgtable.RiscV.RiscVArchPlugin.ArchName, new Dictionary<string, string>
        {
            [ArchPgtable.RiscV.RiscVKconfig.Sv39] = "n",
            [ArchPgtable.RiscV.RiscVKconfig.Sv48] = "y",
            [ArchPgtable.RiscV.RiscVKconfig.Svadu] = "y",
            [ArchPgtable.RiscV.RiscVKconfig.Svnapot] = svnapot ? "y" : "n",
            [CommonKconfig.TransparentHugepage] = "y",
            [CommonKconfig.DebugVm] = "y",
        }));

    /// <summary>The riscv64 helpers of the tree (arch/riscv/include/asm/pgtable.h, arch/riscv/mm/pgtable.c, the pgtable.h defaults).</summary>
    public static ArchInstance RiscV(bool svnapot = false, string? patch = null) =>
        NativeArch.Compose(RiscVModel(svnapot), new NativeArchOptions { KernelTree = Path, Patch = patch, CacheDirectory = Cache });

    public static ArchInstance Native(Arm64Granule granule = Arm64Granule.Granule4K, string? patch = null, string? tree = null, bool hafdbs = true) =>
        NativeArch.Compose(Model(granule, hafdbs), new NativeArchOptions { KernelTree = tree ?? Path, Patch = patch, CacheDirectory = Cache });
}
