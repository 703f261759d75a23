using System.Reflection;
using ArchPgtable.Arm64.Tests.Support;
using ArchPgtable.Generic;
using ArchPgtable.Kconfig;
using ArchPgtable.Plugins;

namespace ArchPgtable.Arm64.Tests;

public class PluginTests
{
    private static readonly Arm64ArchPlugin Plugin = new();

    [Fact]
    public void Exports_arm64_with_its_symbols()
    {
        var attr = typeof(Arm64ArchPlugin).GetCustomAttribute<ArchPluginAttribute>();
        Assert.NotNull(attr);
        Assert.Equal("arm64", attr.Arch);
        Assert.Equal("arm64", Plugin.Arch);
        Assert.Equal(Plugin.Kconfig.Select(s => s.Name).Order(StringComparer.Ordinal), attr.Symbols.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Kconfig_symbols_defaults_choice_and_dependencies()
    {
        var byName = Plugin.Kconfig.ToDictionary(s => s.Name);
        Assert.Equal(("y", "ARM64_PAGE_SIZE"), (byName["CONFIG_ARM64_4K_PAGES"].Default, byName["CONFIG_ARM64_4K_PAGES"].Choice));
        Assert.Equal(("n", "ARM64_PAGE_SIZE"), (byName["CONFIG_ARM64_16K_PAGES"].Default, byName["CONFIG_ARM64_16K_PAGES"].Choice));
        Assert.Equal(("n", "ARM64_PAGE_SIZE"), (byName["CONFIG_ARM64_64K_PAGES"].Default, byName["CONFIG_ARM64_64K_PAGES"].Choice));
        Assert.Equal((KconfigType.Int, "48"), (byName["CONFIG_ARM64_VA_BITS"].Type, byName["CONFIG_ARM64_VA_BITS"].Default));
        Assert.Equal("y", byName["CONFIG_ARM64_CONTPTE"].Default);
        Assert.Equal(["CONFIG_TRANSPARENT_HUGEPAGE"], byName["CONFIG_ARM64_CONTPTE"].DependsOn);
        Assert.Equal((KconfigType.Bool, "y"), (byName["CONFIG_ARM64_HW_AFDBM"].Type, byName["CONFIG_ARM64_HW_AFDBM"].Default));
        Assert.All(CommonKconfig.Symbols, s => Assert.Equal(s, byName[s.Name]));
    }

    [Theory]
    [InlineData(Arm64Granule.Granule4K, 12, 512, 16, 4)]
    [InlineData(Arm64Granule.Granule16K, 14, 2048, 128, 4)]
    [InlineData(Arm64Granule.Granule64K, 16, 8192, 32, 3)]
    public void Build_sets_the_granule_geometry(Arm64Granule g, int pageShift, int ptrsPerPte, int contPtes, int levels)
    {
        var arch = Plugin.Build(TestConfigs.For(g));
        Assert.Equal("arm64", arch.Arch);
        Assert.Equal((pageShift, ptrsPerPte, contPtes, 48, levels),
            (arch.Geometry.PageShift, arch.Geometry.PtrsPerPte, arch.Geometry.ContPtes, arch.Geometry.VaBits, arch.Geometry.Levels));
        Assert.Same(Arm64PteFormat.For(g), arch.Format);
        Assert.Same(arch.Format, arch.Ops.Format);
        Assert.True(((Arm64PageTableOps)arch.Ops).DebugVm);
        Assert.Equal($"arm64, {g.ShortName()} pages, 48-bit VA, contpte, HAFDBS", arch.Description);
    }

    [Fact]
    public void Contpte_needs_transparent_hugepage_and_debug_vm_is_honoured()
    {
        var arch = Plugin.Build(TestConfigs.For(Arm64Granule.Granule4K, contPte: true, thp: false, debugVm: false));
        Assert.IsType<Arm64NoContPteOps>(arch.Ops);
        Assert.False(((Arm64PageTableOps)arch.Ops).DebugVm);
        Assert.Contains("no contpte", arch.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_with_no_granule_names_the_choice()
    {
        var config = TestConfigs.With(TestConfigs.For(Arm64Granule.Granule4K), ("CONFIG_ARM64_4K_PAGES", "n"));
        var e = Assert.Throws<ArgumentException>(() => Plugin.Build(config));
        Assert.Contains("exactly one of CONFIG_ARM64_4K_PAGES, CONFIG_ARM64_16K_PAGES, CONFIG_ARM64_64K_PAGES", e.Message, StringComparison.Ordinal);
        Assert.Contains("none is set", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_with_two_granules_names_both()
    {
        var config = TestConfigs.With(TestConfigs.For(Arm64Granule.Granule4K), ("CONFIG_ARM64_64K_PAGES", "y"));
        var e = Assert.Throws<ArgumentException>(() => Plugin.Build(config));
        Assert.Contains("CONFIG_ARM64_4K_PAGES and CONFIG_ARM64_64K_PAGES are set", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_rejects_another_arch_and_a_bad_va_width()
    {
        var values = TestConfigs.For(Arm64Granule.Granule4K).Values;
        Assert.Throws<ArgumentException>(() => Plugin.Build(new EffectiveConfig("x86", values)));
        var bad = TestConfigs.With(TestConfigs.For(Arm64Granule.Granule4K), ("CONFIG_ARM64_VA_BITS", "99"));
        Assert.Contains("CONFIG_ARM64_VA_BITS=99", Assert.Throws<ArgumentException>(() => Plugin.Build(bad)).Message, StringComparison.Ordinal);
        var unset = new Dictionary<string, string>(values);
        unset.Remove("CONFIG_ARM64_VA_BITS");
        Assert.Equal(48, Plugin.Build(new EffectiveConfig("arm64", unset)).Geometry.VaBits);
    }
}
