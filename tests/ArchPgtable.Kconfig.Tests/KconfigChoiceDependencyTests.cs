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
}
