using System.Reflection;
using ArchPgtable.Generic;
using ArchPgtable.Kconfig;
using ArchPgtable.Plugins;
using ArchPgtable.X86.Tests.Support;

namespace ArchPgtable.X86.Tests;

public class PluginTests
{
    [Fact]
    public void Exports_x86_64_with_its_symbols()
    {
        var attr = typeof(X86ArchPlugin).GetCustomAttribute<ArchPluginAttribute>();
        Assert.NotNull(attr);
        Assert.Equal("x86_64", attr.Arch);
        var plugin = new X86ArchPlugin();
        Assert.Equal("x86_64", plugin.Arch);
        Assert.Equal(plugin.Kconfig.Select(s => s.Name).Order(StringComparer.Ordinal), attr.Symbols.Order(StringComparer.Ordinal));
        Assert.Equal(("y", KconfigType.Bool), (plugin.Kconfig[0].Default, plugin.Kconfig[0].Type));
        Assert.All(CommonKconfig.Symbols, s => Assert.Contains(s, plugin.Kconfig));
    }

    [Fact]
    public void The_defconfig_builds_4_level_paging_with_saved_dirty_and_hardware_a_d()
    {
        var arch = Builds.Arch();
        Assert.Equal((12, 48, 4, 512, 1), (arch.Geometry.PageShift, arch.Geometry.VaBits, arch.Geometry.Levels, arch.Geometry.PtrsPerPte, arch.Geometry.ContPtes));
        Assert.Same(X86PteFormat.For(true), arch.Format);
        Assert.Same(X86HardwareModel.Instance, arch.Hardware);
        Assert.True(((X86PageTableOps)arch.Ops).DebugVm);
        Assert.Equal("x86_64, 4K pages, 48-bit VA (4-level), SavedDirty, hardware A/D", arch.Description);
    }

    [Fact]
    public void Shadow_stack_off_builds_the_pre_6_6_encoding_and_debug_vm_is_honoured()
    {
        var arch = Builds.Arch((X86Kconfig.UserShadowStack, "n"), (CommonKconfig.DebugVm, "n"));
        Assert.False(((X86PteFormat)arch.Format).SavedDirty);
        Assert.False(((X86PageTableOps)arch.Ops).DebugVm);
        Assert.Contains("no SavedDirty", arch.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Another_arch_is_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => new X86ArchPlugin().Build(new EffectiveConfig("arm64", new Dictionary<string, string>())));
        Assert.Contains("cannot build ARCH=arm64", e.Message, StringComparison.Ordinal);
    }
}
