using ArchPgtable.Contracts.Running;
using ArchPgtable.Plugins;

namespace ArchPgtable.Contracts.Tests.Support;

/// <summary>
/// The contract suite as xunit tests, one test per property, for whatever build the subclass
/// creates (DI specification-tests style): derive, implement <see cref="CreateArch"/>, done. A
/// failure's message is the shrunk counterexample with its replay seed. A property the build
/// declares a known finding (<see cref="ArchInstance.KnownFindings"/>) may fail.
/// </summary>
public abstract class ArchContractTests
{
    /// <summary>Every property name, as theory data.</summary>
    public static TheoryData<string> PropertyNames => new(ContractSuite.Properties.Select(p => p.Name));

    /// <summary>The build under test.</summary>
    protected abstract ArchInstance CreateArch();

    /// <summary>Cases per property (override to trade time for depth).</summary>
    protected virtual int Cases => 400;

    [Theory]
    [MemberData(nameof(PropertyNames))]
    public void Property_holds(string property)
    {
        var arch = CreateArch();
        var result = ContractSuite.Check(arch, property, new ContractOptions { Cases = Cases });
        // A plugin's declared known finding (an upstream flaw it models faithfully) may fail: XFAIL.
        Assert.False(result.IsFailure(),
            $"{arch.Description}: {result}\nreplay: ContractSuite.Check(arch, \"{property}\", new ContractOptions {{ Seed = \"{result.Seed}\", Cases = 1 }})");
        if (result.Status is PropertyStatus.Pass or PropertyStatus.UnexpectedPass)
        {
            Assert.True(result.Cases >= Cases, $"{property}: only {result.Cases} cases ran");
        }
    }
}
