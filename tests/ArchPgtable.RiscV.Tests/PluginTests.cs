using System.Reflection;
using ArchPgtable.Generic;
using ArchPgtable.Kconfig;
using ArchPgtable.Plugins;
using ArchPgtable.RiscV.Tests.Support;

namespace ArchPgtable.RiscV.Tests;

public class PluginTests
{
    [Fact]
    public void Exports_riscv64_with_its_symbols_and_says_napot_for_anon_folios_is_not_upstream()
    {
        var attr = typeof(RiscVArchPlugin).GetCustomAttribute<ArchPluginAttribute>();
        Assert.NotNull(attr);
        Assert.Equal("riscv64", attr.Arch);
        var plugin = new RiscVArchPlugin();
        Assert.Equal(plugin.Kconfig.Select(s => s.Name).Order(StringComparer.Ordinal), attr.Symbols.Order(StringComparer.Ordinal));
        Assert.Contains("upstream uses NAPOT for hugetlb only", attr.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Kconfig_defaults_and_the_paging_mode_choice()
    {
        var byName = new RiscVArchPlugin().Kconfig.ToDictionary(s => s.Name);
        Assert.Equal(("n", RiscVKconfig.PagingModeChoice), (byName[RiscVKconfig.Sv39].Default, byName[RiscVKconfig.Sv39].Choice));
        Assert.Equal(("y", RiscVKconfig.PagingModeChoice), (byName[RiscVKconfig.Sv48].Default, byName[RiscVKconfig.Sv48].Choice));
        Assert.Equal("y", byName[RiscVKconfig.Svadu].Default);
        Assert.Equal("y", byName[RiscVKconfig.Svnapot].Default);
        Assert.All(CommonKconfig.Symbols, s => Assert.Equal(s, byName[s.Name]));
    }

    [Fact]
    public void The_defconfig_builds_sv48_svadu_with_the_napot_layer()
    {
        var arch = Builds.Arch();
        Assert.Equal((12, 48, 4, 512, 16), (arch.Geometry.PageShift, arch.Geometry.VaBits, arch.Geometry.Levels, arch.Geometry.PtrsPerPte, arch.Geometry.ContPtes));
        Assert.IsType<RiscVNapotOps>(arch.Ops);
        Assert.Same(RiscVPteFormat.Instance, arch.Format);
        var hw = Assert.IsType<RiscVHardwareModel>(arch.Hardware);
        Assert.True(hw.Svadu && hw.Svnapot);
        Assert.Equal("riscv64, 4K pages, Sv48 (4-level), Svadu, Svnapot contpte-style layer (modelled, not upstream)", arch.Description);
    }

    [Fact]
    public void Sv39_svade_without_svnapot_builds_the_upstream_helpers_on_three_levels()
    {
        var arch = Builds.Arch((RiscVKconfig.Sv39, "y"), (RiscVKconfig.Svadu, "n"), (RiscVKconfig.Svnapot, "n"));
        Assert.Equal((39, 3, 1), (arch.Geometry.VaBits, arch.Geometry.Levels, arch.Geometry.ContPtes));
        Assert.IsType<RiscVPageTableOps>(arch.Ops);
        Assert.False(arch.Hardware.HardwareAccessFlag);
        Assert.Equal("riscv64, 4K pages, Sv39 (3-level), Svade, upstream helpers (no NAPOT for anon folios)", arch.Description);
    }

    [Fact]
    public void Svnapot_without_thp_keeps_the_hart_napot_capable_but_the_helpers_upstream()
    {
        var arch = Builds.Arch((CommonKconfig.TransparentHugepage, "n"));
        Assert.IsType<RiscVPageTableOps>(arch.Ops);
        Assert.True(((RiscVHardwareModel)arch.Hardware).Svnapot);
    }

    [Theory]
    [InlineData("y", "y", "both are")]
    [InlineData("n", "n", "none is")]
    public void Exactly_one_paging_mode_must_be_y(string sv39, string sv48, string found)
    {
        var config = new EffectiveConfig("riscv64", new Dictionary<string, string> { [RiscVKconfig.Sv39] = sv39, [RiscVKconfig.Sv48] = sv48 });
        var e = Assert.Throws<ArgumentException>(() => new RiscVArchPlugin().Build(config));
        Assert.Contains($"exactly one of CONFIG_RISCV_SV39, CONFIG_RISCV_SV48 (choice RISCV_PAGING_MODE) must be y, but {found} set", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Kconfig_resolution_keeps_the_choice_at_one_member()
    {
        var config = Builds.Config((RiscVKconfig.Sv39, "y"));
        Assert.Equal(("y", "n"), (config.Get(RiscVKconfig.Sv39), config.Get(RiscVKconfig.Sv48)));
    }

    [Fact]
    public void Another_arch_is_refused() =>
        Assert.Throws<ArgumentException>(() => new RiscVArchPlugin().Build(new EffectiveConfig("x86_64", new Dictionary<string, string>())));
}
