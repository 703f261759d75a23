using ArchPgtable.Arm64;
using ArchPgtable.Contracts.Differential;
using ArchPgtable.Contracts.Running;

namespace ArchPgtable.Native.Tests;

/// <summary>Differential testing: the arm64 model plugin against the kernel's own C (Debian 6.12).</summary>
public sealed class DiffTests
{
    private static readonly Dictionary<string, string> NoNames = [];

    [Fact]
    public void The_model_and_the_native_helpers_agree_on_every_helper_with_nothing_to_explain()
    {
        var native = NativeTree.Native(Arm64Granule.Granule4K);
        var results = DifferentialSuite.Compare(
            new DiffSide(NativeTree.Model(), "model", NoNames), new DiffSide(native, "native", NoNames), new ContractOptions { Cases = 60 });

        Assert.Empty(NativeArch.BuildInfoOf(native.Ops)!.KnownDifferences);
        // Helpers the tree does not have while the model overrides them are reported as not compared, never dropped.
        Assert.Equal(["clear_flush_young_ptes", "modify_prot_commit_ptes", "modify_prot_start_ptes", "ptep_modify_prot_commit", "ptep_modify_prot_start", "test_and_clear_young_ptes"], results.Where(r => r.Skipped).Select(r => r.Helper).Order(StringComparer.Ordinal));
        Assert.Equal(24, results.Count);
        foreach (var r in results)
        {
            Assert.True(r.Passed, $"{r.Name}: {r.Counterexample}");
        }
    }

    [Fact]
    public void The_model_has_the_trees_smmu_ats_access_flags_fix_so_a_block_with_a_young_sibling_agrees()
    {
        // Before the model took mainline's fix, 400 cases found "return value: model (… flag False …), native (… flag True …)".
        var results = DifferentialSuite.Compare(
            new DiffSide(NativeTree.Model(), "model", NoNames), new DiffSide(NativeTree.Native(), "native", NoNames),
            new ContractOptions { Cases = 400, Helper = "ptep_set_access_flags" });

        var r = Assert.Single(results);
        Assert.True(r.Passed, r.Counterexample?.ToString());
    }

    [Fact]
    public void A_deliberately_changed_C_helper_that_still_passes_its_contract_is_found()
    {
        var patched = NativeTree.Native(Arm64Granule.Granule4K, NativeTree.TestData("batch-hint-off-by-one.patch"));
        Assert.False(ContractSuite.Check(patched, "pte_batch_hint/contract", new ContractOptions { Cases = 100 }).IsFailure());

        var results = DifferentialSuite.Compare(
            new DiffSide(NativeTree.Model(), "model", new Dictionary<string, string> { ["pte_batch_hint"] = "C# Arm64ContPteOps.PteBatchHintCore" }),
            new DiffSide(patched, "native", new Dictionary<string, string> { ["pte_batch_hint"] = "C pte_batch_hint()" }),
            new ContractOptions { Cases = 200, Helper = "pte_batch_hint" });

        var r = Assert.Single(results);
        Assert.False(r.Passed);
        var text = r.Counterexample!.ToString();
        Assert.Contains("model: C# Arm64ContPteOps.PteBatchHintCore; native: C pte_batch_hint()", text, StringComparison.Ordinal);
        Assert.Contains("return value: model", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_changed_TLB_flush_is_found_with_both_flushes_in_order()
    {
        var patched = NativeTree.Native(Arm64Granule.Granule4K, NativeTree.TestData("flush-sync.patch"));
        var results = DifferentialSuite.Compare(
            new DiffSide(NativeTree.Model(), "model", NoNames), new DiffSide(patched, "native", NoNames),
            new ContractOptions { Cases = 300, Helper = "ptep_clear_flush_young" });

        var r = Assert.Single(results);
        Assert.False(r.Passed);
        Assert.Matches(@"TLB maintenance, in order: model range \[0x[0-9a-f]+, 0x[0-9a-f]+\) stride 0x1000 last-level nosync; native range \[0x[0-9a-f]+, 0x[0-9a-f]+\) stride 0x1000 last-level sync",
            r.Counterexample!.ToString());
    }
}
