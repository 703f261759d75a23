using ArchPgtable.Arm64;
using ArchPgtable.Contracts.Differential;
using ArchPgtable.Contracts.Running;

namespace ArchPgtable.Native.Tests;

/// <summary>Differential testing: the arm64 model plugin against the kernel's own C (Debian 6.12).</summary>
public sealed class DiffTests
{
    private static readonly Dictionary<string, string> NoNames = [];

    [Fact]
    public void The_model_and_the_native_helpers_agree_except_the_explained_access_flags_backport()
    {
        var native = NativeTree.Native(Arm64Granule.Granule4K);
        var results = DifferentialSuite.Compare(
            new DiffSide(NativeTree.Model(), "model", NoNames), new DiffSide(native, "native", NoNames), new ContractOptions { Cases = 60 });

        var explained = NativeArch.BuildInfoOf(native.Ops)!.KnownDifferences.Select(d => d.Helper).ToHashSet();
        Assert.Equal(["ptep_set_access_flags"], explained);
        foreach (var r in results.Where(r => !explained.Contains(r.Helper)))
        {
            Assert.True(r.Passed, $"{r.Name}: {r.Counterexample}");
        }
    }

    [Fact]
    public void The_explained_difference_is_real_the_native_helper_updates_a_block_the_model_calls_a_no_op()
    {
        var results = DifferentialSuite.Compare(
            new DiffSide(NativeTree.Model(), "model", NoNames), new DiffSide(NativeTree.Native(), "native", NoNames),
            new ContractOptions { Cases = 400, Helper = "ptep_set_access_flags" });

        var r = Assert.Single(results);
        Assert.False(r.Passed);
        Assert.Contains("return value: model (pte none, flag False, count 0), native (pte none, flag True, count 0)", r.Counterexample!.ToString(), StringComparison.Ordinal);
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
