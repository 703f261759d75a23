using ArchPgtable.Arm64;
using ArchPgtable.Contracts.Running;
using ArchPgtable.Contracts.Tests.Support;
using ArchPgtable.Kconfig;
using ArchPgtable.Plugins;
using ArchPgtable.RiscV;
using ArchPgtable.X86;

namespace ArchPgtable.Contracts.Tests;

/// <summary>The machine properties, and the races of every agent kind, hold on every shipped plugin and every preset machine of its arch.</summary>
public class MachinePresetContractTests
{
    private static readonly Dictionary<string, Func<ArchInstance>> Archs = new()
    {
        ["arm64-4k"] = () => Builds.Arm64(Arm64Granule.Granule4K),
        ["arm64-16k-noafdbm"] = () => Builds.Arm64(Arm64Granule.Granule16K, hafdbs: false),
        ["x86_64"] = () => Build(new X86ArchPlugin()),
        ["riscv64-svadu"] = () => Build(new RiscVArchPlugin()),
        ["riscv64-svade"] = () => Build(new RiscVArchPlugin(), $"{RiscVKconfig.Svadu}=n"),
        ["generic"] = Builds.Generic,
    };

    public static TheoryData<string, string, string> Cases()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var (name, build) in Archs)
        {
            foreach (var preset in build().MachineSupportOrDefault.Presets)
            {
                foreach (var property in new[] { "ptep_set_access_flags/fault-progress", "ptep_set_access_flags/race", "ptep_test_and_clear_young/race", "ptep_get_lockless/race" })
                {
                    data.Add(name, preset.Name, property);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Holds_on_every_preset(string arch, string preset, string property)
    {
        var a = Archs[arch]();
        var result = ContractSuite.Check(a, property, new ContractOptions { Cases = 300, Machine = a.MachineSupportOrDefault.Find(preset) });

        Assert.False(result.IsFailure(), $"{arch} on {preset}: {result}");
    }

    [Fact]
    public void Svade_harts_with_an_iommu_that_sets_dirty_reproduce_upstream_riscv_finding_as_a_declared_xfail()
    {
        var a = Archs["riscv64-svade"]();
        Assert.Empty(a.KnownFindings);

        var result = ContractSuite.Check(a, "ptep_set_access_flags/race", new ContractOptions { Cases = 4000, Machine = a.MachineSupportOrDefault.Find("iommu") });

        Assert.Equal(PropertyStatus.ExpectedFailure, result.Status);
        Assert.Contains("arch/riscv/mm/pgtable.c", result.KnownFinding!.Reference, StringComparison.Ordinal);
        Assert.Contains("[agent iommu0", result.ToString(), StringComparison.Ordinal);
    }

    private static ArchInstance Build(IArchPlugin plugin, params string[] assignments) =>
        plugin.Build(KconfigResolver.Resolve(plugin.Arch, plugin.Kconfig, [KernelConfig.FromAssignments("test", assignments)]));
}
