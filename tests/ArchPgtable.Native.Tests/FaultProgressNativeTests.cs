using ArchPgtable.Arm64;
using ArchPgtable.Contracts.Running;
using ArchPgtable.Plugins;

namespace ArchPgtable.Native.Tests;

/// <summary>
/// The agents' fault-progress property on the kernel's own C: Debian's 6.12.117 has the stable backport of
/// "arm64: contpte: fix set_access_flags() no-op check for SMMU/ATS faults" and passes on a machine with an SMMU
/// without HTTU; with the fix undone (TestData/smmu-ats-fix-reverted.patch, the code as it was before) the SMMU
/// faults forever on a block whose sibling a CPU already made young.
/// </summary>
public sealed class FaultProgressNativeTests
{
    private const string Property = "ptep_set_access_flags/fault-progress";

    private static ContractOptions OnSmmuWithoutHttu(ArchInstance arch) =>
        new() { Cases = 400, Machine = arch.Machines!.Find("smmu-no-httu") };

    [Fact]
    public void The_trees_helper_lets_an_smmu_without_httu_make_progress()
    {
        var arch = NativeTree.Native(Arm64Granule.Granule4K);

        var result = ContractSuite.Check(arch, Property, OnSmmuWithoutHttu(arch));

        Assert.False(result.IsFailure(), result.ToString());
    }

    [Fact]
    public void With_the_smmu_ats_fix_undone_the_smmu_faults_again_on_the_entry_it_evaluates()
    {
        var arch = NativeTree.Native(Arm64Granule.Granule4K, NativeTree.TestData("smmu-ats-fix-reverted.patch"));

        var result = ContractSuite.Check(arch, Property, OnSmmuWithoutHttu(arch));

        Assert.True(result.IsFailure(), result.ToString());
        var text = result.ToString();
        Assert.Contains("[agent smmu0", text, StringComparison.Ordinal);
        Assert.Contains("returned 0", text, StringComparison.Ordinal);
        Assert.Contains("takes a AccessFlag fault again", text, StringComparison.Ordinal);
    }
}
