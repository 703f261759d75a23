using ArchPgtable.Generic;
using ArchPgtable.RiscV.Tests.Support;

namespace ArchPgtable.RiscV.Tests;

/// <summary>The "#define view" of each build, helper by helper.</summary>
public class HelperBindingsTests
{
    /// <summary>Upstream riscv: exactly set_ptes, ptep_get_and_clear, ptep_test_and_clear_young, ptep_clear_flush_young, ptep_set_wrprotect, ptep_set_access_flags.</summary>
    private static readonly (string Name, bool IsOverride, string Impl)[] Upstream =
    [
        ("clear_flush_young_ptes", false, "clear_flush_young_ptes"),
        ("clear_full_ptes", false, "clear_full_ptes"),
        ("clear_nonpresent_ptes", false, "clear_nonpresent_ptes"),
        ("clear_ptes", false, "clear_full_ptes"),
        ("clear_young_dirty_ptes", false, "clear_young_dirty_ptes"),
        ("get_and_clear_full_ptes", false, "get_and_clear_full_ptes"),
        ("get_and_clear_ptes", false, "get_and_clear_full_ptes"),
        ("mkold_clean_ptes", false, "mkold_clean_ptes"),
        ("modify_prot_commit_ptes", false, "modify_prot_commit_ptes"),
        ("modify_prot_start_ptes", false, "modify_prot_start_ptes"),
        ("pte_batch_hint", false, "pte_batch_hint"),
        ("ptep_clear_flush_young", true, "ptep_clear_flush_young"),
        ("ptep_get", false, "ptep_get"),
        ("ptep_get_and_clear", true, "ptep_get_and_clear"),
        ("ptep_get_and_clear_full", false, "ptep_get_and_clear_full"),
        ("ptep_get_lockless", false, "ptep_get_lockless"),
        ("ptep_modify_prot_commit", false, "ptep_modify_prot_commit"),
        ("ptep_modify_prot_start", false, "ptep_modify_prot_start"),
        ("ptep_set_access_flags", true, "ptep_set_access_flags"),
        ("ptep_set_wrprotect", true, "ptep_set_wrprotect"),
        ("ptep_test_and_clear_young", true, "ptep_test_and_clear_young"),
        ("set_pte_at", true, "set_ptes"),
        ("set_ptes", true, "set_ptes"),
        ("test_and_clear_young_ptes", false, "test_and_clear_young_ptes"),
        ("update_mmu_tlb_range", true, "update_mmu_cache_range"),
        ("wrprotect_ptes", false, "wrprotect_ptes"),
    ];

    /// <summary>The modelled NAPOT layer: arm64's contpte set, ptep_get_and_clear_full left generic as on arm64.</summary>
    private static readonly (string Name, bool IsOverride, string Impl)[] Napot =
    [
        ("clear_flush_young_ptes", false, "clear_flush_young_ptes"),
        ("clear_full_ptes", true, "contpte_clear_full_ptes"),
        ("clear_nonpresent_ptes", false, "clear_nonpresent_ptes"),
        ("clear_ptes", true, "contpte_clear_full_ptes"),
        ("clear_young_dirty_ptes", true, "contpte_clear_young_dirty_ptes"),
        ("get_and_clear_full_ptes", true, "contpte_get_and_clear_full_ptes"),
        ("get_and_clear_ptes", true, "contpte_get_and_clear_full_ptes"),
        ("mkold_clean_ptes", true, "contpte_mkold_clean_ptes"),
        ("modify_prot_commit_ptes", false, "modify_prot_commit_ptes"),
        ("modify_prot_start_ptes", false, "modify_prot_start_ptes"),
        ("pte_batch_hint", true, "pte_batch_hint"),
        ("ptep_clear_flush_young", true, "contpte_ptep_clear_flush_young"),
        ("ptep_get", true, "contpte_ptep_get"),
        ("ptep_get_and_clear", true, "ptep_get_and_clear"),
        ("ptep_get_and_clear_full", false, "ptep_get_and_clear_full"),
        ("ptep_get_lockless", true, "contpte_ptep_get_lockless"),
        ("ptep_modify_prot_commit", false, "ptep_modify_prot_commit"),
        ("ptep_modify_prot_start", false, "ptep_modify_prot_start"),
        ("ptep_set_access_flags", true, "contpte_ptep_set_access_flags"),
        ("ptep_set_wrprotect", true, "ptep_set_wrprotect"),
        ("ptep_test_and_clear_young", true, "contpte_ptep_test_and_clear_young"),
        ("set_pte_at", true, "contpte_set_ptes"),
        ("set_ptes", true, "contpte_set_ptes"),
        ("test_and_clear_young_ptes", false, "test_and_clear_young_ptes"),
        ("update_mmu_tlb_range", true, "update_mmu_cache_range"),
        ("wrprotect_ptes", true, "contpte_wrprotect_ptes"),
    ];

    private static (string, bool, string)[] Rows(IPageTableOps ops) =>
        [.. HelperBindings.Describe(ops).Select(b => (b.Name, b.IsOverride, b.Impl)).OrderBy(r => r.Name, StringComparer.Ordinal)];

    [Theory]
    [InlineData("y", "y")]
    [InlineData("n", "y")]
    [InlineData("y", "n")]
    [InlineData("n", "n")]
    public void Svnapot_on_reports_the_contpte_style_layer(string svadu, string sv39) =>
        Assert.Equal(Napot, Rows(Builds.Arch((RiscVKconfig.Svadu, svadu), (RiscVKconfig.Sv39, sv39)).Ops));

    [Theory]
    [InlineData(RiscVKconfig.Svnapot)]
    [InlineData("CONFIG_TRANSPARENT_HUGEPAGE")]
    public void Svnapot_or_thp_off_reports_exactly_the_upstream_overrides(string off) =>
        Assert.Equal(Upstream, Rows(Builds.Arch((off, "n")).Ops));
}
