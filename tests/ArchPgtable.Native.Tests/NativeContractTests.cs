using ArchPgtable.Arm64;
using ArchPgtable.Contracts.Running;

namespace ArchPgtable.Native.Tests;

/// <summary>The kernel's own arm64 helpers (Debian 6.12) pass the contract suite (reduced case count).</summary>
public sealed class NativeContractTests
{
    public static TheoryData<string> PropertyNames => new(ContractSuite.Properties.Select(p => p.Name));

    [Theory]
    [MemberData(nameof(PropertyNames))]
    public void Native_arm64_4K_helpers_hold(string property)
    {
        var arch = NativeTree.Native(Arm64Granule.Granule4K);
        var result = ContractSuite.Check(arch, property, new ContractOptions { Cases = 60 });
        Assert.False(result.IsFailure(), $"{arch.Description}: {result}");
    }

    [Theory]
    [InlineData(Arm64Granule.Granule16K)]
    [InlineData(Arm64Granule.Granule64K)]
    public void Native_arm64_other_granules_hold(Arm64Granule granule)
    {
        var arch = NativeTree.Native(granule, hafdbs: false);
        foreach (var result in ContractSuite.Verify(arch, new ContractOptions { Cases = 15 }))
        {
            Assert.False(result.IsFailure(), $"{arch.Description}: {result}");
        }
    }
}
