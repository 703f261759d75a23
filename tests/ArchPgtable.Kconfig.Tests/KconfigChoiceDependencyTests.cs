namespace ArchPgtable.Kconfig.Tests;

/// <summary>Choices whose members have dependencies: the "exactly one member is y" rule must survive dependency forcing.</summary>
public class KconfigChoiceDependencyTests
{
    internal const string Choice = "GRANULE";
    internal const string G4K = "CONFIG_G4K";
    internal const string G16K = "CONFIG_G16K";
    internal const string Feat16 = "CONFIG_FEAT16";

    private static readonly IReadOnlyList<KconfigSymbol> Schema =
    [
        KconfigSymbol.Bool(Feat16, true, "hardware supports 16K"),
        KconfigSymbol.Bool(G4K, true, "4K") with { Choice = Choice },
        KconfigSymbol.Bool(G16K, false, "16K", Feat16) with { Choice = Choice },
    ];

    [Fact]
    public void A_choice_member_forced_off_by_its_dependency_leaves_the_default_member_selected()
    {
        var config = KconfigResolver.Resolve("x", Schema, [KernelConfig.FromAssignments("--set", [$"{G16K}=y", $"{Feat16}=n"])]);

        Assert.Equal("n", config.Get(G16K));
        Assert.Equal("y", config.Get(G4K));
        Assert.Contains(config.Warnings, w => w.Contains(G16K, StringComparison.Ordinal) && w.Contains(Feat16, StringComparison.Ordinal));
    }

    [Fact]
    public void The_fallback_member_of_an_empty_choice_is_one_whose_dependencies_are_met()
    {
        IReadOnlyList<KconfigSymbol> schema =
        [
            KconfigSymbol.Bool(Feat16, true, "hardware supports 16K"),
            KconfigSymbol.Bool(G16K, true, "16K", Feat16) with { Choice = Choice },
            KconfigSymbol.Bool(G4K, false, "4K") with { Choice = Choice },
        ];

        var config = KconfigResolver.Resolve("x", schema, [KernelConfig.FromAssignments("--set", [$"{Feat16}=n"])]);

        Assert.Equal("n", config.Get(G16K));
        Assert.Equal("y", config.Get(G4K));
    }

    [Fact]
    public void Two_members_of_one_choice_set_y_by_one_source_warn_and_the_later_wins()
    {
        var config = KconfigResolver.Resolve("x", Schema, [KernelConfig.FromAssignments("--set", [$"{G16K}=y", $"{G4K}=y"])]);

        Assert.Equal("y", config.Get(G4K));
        Assert.Equal("n", config.Get(G16K));
        var warning = Assert.Single(config.Warnings);
        Assert.Contains($"choice {Choice}", warning, StringComparison.Ordinal);
        Assert.Contains($"the later, {G4K}, wins", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void A_later_source_choosing_another_member_is_an_override_not_a_conflict()
    {
        var config = KconfigResolver.Resolve("x", Schema,
            [KernelConfig.FromAssignments("file", [$"{G4K}=y"]), KernelConfig.FromAssignments("--set", [$"{G16K}=y"])]);

        Assert.Equal("y", config.Get(G16K));
        Assert.Empty(config.Warnings);
    }
}
