using ArchPgtable.Contracts.Differential;
using ArchPgtable.Contracts.Running;

namespace ArchPgtable.Native.Tests;

/// <summary>
/// riscv64 from the same pipeline (Arches/RiscVNativeSpec.cs, Shim/ap_riscv.h). Linux 6.12 has no contpte-style wrappers
/// for riscv (Svnapot is for hugetlb only), so the native build is compared with the model's upstream helpers
/// (CONFIG_RISCV_ISA_SVNAPOT=n); with the model's Svnapot layer every helper's difference is declared.
/// </summary>
public sealed class RiscVNativeTests
{
    private static readonly Dictionary<string, string> NoNames = [];

    public static TheoryData<string> PropertyNames => new(ContractSuite.Properties.Select(p => p.Name));

    [Theory]
    [MemberData(nameof(PropertyNames))]
    public void Native_riscv64_helpers_hold_or_show_only_the_declared_upstream_finding(string property)
    {
        var arch = NativeTree.RiscV();
        var result = ContractSuite.Check(arch, property, new ContractOptions { Cases = 60 });
        Assert.False(result.IsFailure(), $"{arch.Description}: {result}");
    }

    [Fact]
    public void Race_injection_reaches_the_riscv_C_code_and_finds_upstreams_set_access_flags_race()
    {
        var arch = NativeTree.RiscV();
        var machine = arch.MachineSupportOrDefault.Find("svadu");

        var result = ContractSuite.Check(arch, "ptep_set_access_flags/race", new ContractOptions { Cases = 2000, Machine = machine });

        Assert.Equal(PropertyStatus.ExpectedFailure, result.Status);
        Assert.Contains("lost the dirty state a concurrent hardware store set", result.Counterexample!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Diff_finds_no_difference_against_the_models_upstream_helpers()
    {
        var native = NativeTree.RiscV();
        var results = DifferentialSuite.Compare(
            new DiffSide(NativeTree.RiscVModel(), "model", NoNames), new DiffSide(native, "native", NoNames), new ContractOptions { Cases = 100 });

        Assert.Empty(NativeArch.BuildInfoOf(native.Ops)!.KnownDifferences);
        // Helpers the tree does not have while the model overrides them are reported as not compared, never dropped.
        Assert.Equal(["update_mmu_tlb_range"], results.Where(r => r.Skipped).Select(r => r.Helper).Order(StringComparer.Ordinal));
        Assert.Equal(24, results.Count);
        Assert.All(results, r => Assert.True(r.Passed, $"{r.Name}: {r.Counterexample}"));
    }

    [Fact]
    public void With_the_models_svnapot_layer_the_differences_are_found_and_declared()
    {
        var native = NativeTree.RiscV(svnapot: true);
        var declared = NativeArch.BuildInfoOf(native.Ops)!.KnownDifferences.Select(d => d.Helper).ToHashSet();
        var results = DifferentialSuite.Compare(
            new DiffSide(NativeTree.RiscVModel(svnapot: true), "model", NoNames), new DiffSide(native, "native", NoNames),
            new ContractOptions { Cases = 100, Helper = "set_ptes" });

        var r = Assert.Single(results);
        Assert.False(r.Passed);
        Assert.Contains("set_ptes", declared);
        Assert.Contains("|N", r.Counterexample!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_asm_goto_alternative_becomes_the_extension_check_it_stands_for()
    {
        const string source = "int f(void) {\n\tasm goto(ALTERNATIVE(\"nop\", \"j %l[svvptc]\", 0, RISCV_ISA_EXT_SVVPTC, 1)\n\t\t : : : : svvptc);\n\treturn 1;\nsvvptc:\n\treturn 0;\n}";

        var rewritten = new Arches.RiscVNativeSpec().Rewrite(source);

        Assert.Contains("if (riscv_has_extension_unlikely(RISCV_ISA_EXT_SVVPTC)) goto svvptc;", rewritten, StringComparison.Ordinal);
        Assert.DoesNotContain("asm", rewritten, StringComparison.Ordinal);
    }
}
