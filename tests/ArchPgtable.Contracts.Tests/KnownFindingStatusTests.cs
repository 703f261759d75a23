using ArchPgtable.Arm64;
using ArchPgtable.Contracts.Running;
using ArchPgtable.Contracts.Tests.Support;
using ArchPgtable.Plugins;
using ArchPgtable.Testing.KnownBad;

namespace ArchPgtable.Contracts.Tests;

/// <summary>How a declared known finding changes a result: a failure becomes XFAIL (fails only a strict run), a pass XPASS; other properties are untouched.</summary>
public sealed class KnownFindingStatusTests
{
    private const string Cydp = "clear_young_dirty_ptes/contract";
    private const string Mkold = "mkold_clean_ptes/contract";

    private static ArchInstance Declaring(ArchInstance arch, string property) =>
        Builds.WithKnownFindings(arch, new KnownFinding(property, "declared by the test", "tests"));

    [Fact]
    public void A_declared_property_that_holds_is_an_unexpected_pass_and_no_failure()
    {
        var result = ContractSuite.Check(Declaring(Builds.Arm64(Arm64Granule.Granule4K), Cydp), Cydp, new ContractOptions { Cases = 50 });

        Assert.Equal(PropertyStatus.UnexpectedPass, result.Status);
        Assert.False(result.IsFailure(strict: true));
        Assert.StartsWith("XPASS " + Cydp, result.ToString(), StringComparison.Ordinal);
    }

    /// <summary>The seed's v4 mkold_clean_ptes (bug 1) on arm64 4K, checked on mkold_clean_ptes/contract while declaring <paramref name="declared"/>.</summary>
    private static PropertyResult V4Bug1Declaring(string declared)
    {
        var bad = Builds.WithOps(Builds.Arm64(Arm64Granule.Granule4K), new V4Bug1Ops(Arm64Granule.Granule4K));
        return ContractSuite.Check(Declaring(bad, declared), Mkold, new ContractOptions { Cases = 400 });
    }

    [Fact]
    public void A_declared_property_that_fails_is_an_expected_failure_with_its_counterexample()
    {
        var result = V4Bug1Declaring(Mkold);

        Assert.Equal(PropertyStatus.ExpectedFailure, result.Status);
        Assert.NotNull(result.Counterexample);
        Assert.False(result.IsFailure());
        Assert.True(result.IsFailure(strict: true));
    }

    [Fact]
    public void A_declaration_does_not_touch_the_other_properties()
    {
        var result = V4Bug1Declaring(Cydp);

        Assert.Equal(PropertyStatus.Fail, result.Status);
        Assert.Null(result.KnownFinding);
        Assert.True(result.IsFailure());
    }
}
