using ArchPgtable.Kconfig;

namespace ArchPgtable.Generic.Tests;

/// <summary>The neutral "generic" architecture: 4 KiB pages, 48-bit VA, four levels, no contiguous blocks.</summary>
public class GenericArchPluginTests
{
    [Fact]
    public void Build_gives_the_generic_geometry_format_and_ops()
    {
        var config = new EffectiveConfig("generic", new Dictionary<string, string> { ["CONFIG_DEBUG_VM"] = "y", ["CONFIG_TRANSPARENT_HUGEPAGE"] = "y" });

        var arch = new GenericArchPlugin().Build(config);

        Assert.Equal("generic", arch.Arch);
        Assert.Same(config, arch.Config);
        Assert.Equal(new ArchGeometry(12, 48, 1), arch.Geometry);
        Assert.Equal(4, arch.Geometry.Levels);
        Assert.Same(GenericPteFormat.Instance, arch.Format);
        Assert.Same(arch.Format, arch.Ops.Format);
        Assert.Equal(arch.Geometry, arch.Ops.Geometry);
        Assert.IsAssignableFrom<GenericPageTableOps>(arch.Ops);
    }

    [Fact]
    public void The_plugin_honours_THP_and_DEBUG_VM_both_defaulting_to_y()
    {
        var plugin = new GenericArchPlugin();

        Assert.Equal("generic", plugin.Arch);
        Assert.Equal(
            [("CONFIG_TRANSPARENT_HUGEPAGE", "y"), ("CONFIG_DEBUG_VM", "y")],
            plugin.Kconfig.Select(s => (s.Name, s.Default)));
    }

    [Fact]
    public void Build_rejects_a_null_config() =>
        Assert.Throws<ArgumentNullException>(() => new GenericArchPlugin().Build(null!));
}
