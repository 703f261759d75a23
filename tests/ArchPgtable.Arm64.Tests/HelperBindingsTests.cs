using ArchPgtable.Arm64.Tests.Support;
using ArchPgtable.Generic;
using ArchPgtable.Testing.KnownBad;

namespace ArchPgtable.Arm64.Tests;

/// <summary>The "#define view" of each build, helper by helper.</summary>
public class HelperBindingsTests
{
    private static readonly (string Name, bool IsOverride, string Impl)[] ContPteOn =
    [
        ("clear_flush_young_ptes", true, "contpte_clear_flush_young_ptes"),
        ("clear_full_ptes", true, "contpte_clear_full_ptes"),
        ("clear_nonpresent_ptes", false, "clear_nonpresent_ptes"),
        ("clear_ptes", true, "contpte_clear_full_ptes"),
        ("clear_young_dirty_ptes", true, "contpte_clear_young_dirty_ptes"),
        ("get_and_clear_full_ptes", true, "contpte_get_and_clear_full_ptes"),
        ("get_and_clear_ptes", true, "contpte_get_and_clear_full_ptes"),
        ("mkold_clean_ptes", true, "contpte_mkold_clean_ptes"),
        ("modify_prot_commit_ptes", true, "modify_prot_commit_ptes"),
        ("modify_prot_start_ptes", true, "modify_prot_start_ptes"),
        ("pte_batch_hint", true, "pte_batch_hint"),
        ("ptep_clear_flush_young", true, "contpte_ptep_clear_flush_young"),
        ("ptep_get", true, "contpte_ptep_get"),
        ("ptep_get_and_clear", true, "ptep_get_and_clear"),
        ("ptep_get_and_clear_full", false, "ptep_get_and_clear_full"),
        ("ptep_get_lockless", true, "contpte_ptep_get_lockless"),
        ("ptep_modify_prot_commit", true, "ptep_modify_prot_commit"),
        ("ptep_modify_prot_start", true, "ptep_modify_prot_start"),
        ("ptep_set_access_flags", true, "contpte_ptep_set_access_flags"),
        ("ptep_set_wrprotect", true, "ptep_set_wrprotect"),
        ("ptep_test_and_clear_young", true, "contpte_ptep_test_and_clear_young"),
        ("set_pte_at", true, "contpte_set_ptes"),
        ("set_ptes", true, "contpte_set_ptes"),
        ("test_and_clear_young_ptes", true, "contpte_test_and_clear_young_ptes"),
        ("update_mmu_tlb_range", false, "update_mmu_tlb_range"),
        ("wrprotect_ptes", true, "contpte_wrprotect_ptes"),
    ];

    private static readonly (string Name, bool IsOverride, string Impl)[] ContPteOff =
    [
        ("clear_flush_young_ptes", false, "clear_flush_young_ptes"),
        ("clear_full_ptes", true, "__clear_full_ptes"),
        ("clear_nonpresent_ptes", false, "clear_nonpresent_ptes"),
        ("clear_ptes", true, "__clear_full_ptes"),
        ("clear_young_dirty_ptes", true, "__clear_young_dirty_ptes"),
        ("get_and_clear_full_ptes", true, "__get_and_clear_full_ptes"),
        ("get_and_clear_ptes", true, "__get_and_clear_full_ptes"),
        ("mkold_clean_ptes", true, "__mkold_clean_ptes"),
        ("modify_prot_commit_ptes", true, "modify_prot_commit_ptes"),
        ("modify_prot_start_ptes", true, "modify_prot_start_ptes"),
        ("pte_batch_hint", false, "pte_batch_hint"),
        ("ptep_clear_flush_young", true, "__ptep_clear_flush_young"),
        ("ptep_get", true, "__ptep_get"),
        ("ptep_get_and_clear", true, "__ptep_get_and_clear"),
        ("ptep_get_and_clear_full", false, "ptep_get_and_clear_full"),
        ("ptep_get_lockless", false, "ptep_get_lockless"),
        ("ptep_modify_prot_commit", true, "ptep_modify_prot_commit"),
        ("ptep_modify_prot_start", true, "ptep_modify_prot_start"),
        ("ptep_set_access_flags", true, "__ptep_set_access_flags"),
        ("ptep_set_wrprotect", true, "__ptep_set_wrprotect"),
        ("ptep_test_and_clear_young", true, "__ptep_test_and_clear_young"),
        ("set_pte_at", true, "__set_ptes"),
        ("set_ptes", true, "__set_ptes"),
        ("test_and_clear_young_ptes", false, "test_and_clear_young_ptes"),
        ("update_mmu_tlb_range", false, "update_mmu_tlb_range"),
        ("wrprotect_ptes", true, "__wrprotect_ptes"),
    ];

    private static (string, bool, string)[] Rows(IPageTableOps ops) =>
        [.. HelperBindings.Describe(ops).Select(b => (b.Name, b.IsOverride, b.Impl)).OrderBy(r => r.Name, StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Granules.All), MemberType = typeof(Granules))]
    public void Contpte_on_reports_the_contpte_functions(Arm64Granule g)
    {
        var ops = new Arm64ArchPlugin().Build(TestConfigs.For(g)).Ops;
        Assert.IsType<Arm64ContPteOps>(ops);
        Assert.Equal(ContPteOn, Rows(ops));
    }

    [Theory]
    [MemberData(nameof(Granules.All), MemberType = typeof(Granules))]
    public void Contpte_off_reports_the_raw_twins(Arm64Granule g)
    {
        var ops = new Arm64ArchPlugin().Build(TestConfigs.For(g, contPte: false)).Ops;
        Assert.IsType<Arm64NoContPteOps>(ops);
        Assert.Equal(ContPteOff, Rows(ops));
    }

    [Fact]
    public void The_v4_subclass_shows_up_in_the_view()
    {
        var row = HelperBindings.Describe(new V4MkoldCleanOps(Arm64Granule.Granule4K)).Single(b => b.Name == "mkold_clean_ptes");
        Assert.Equal(new HelperBinding("mkold_clean_ptes", true, "contpte_ptep_mkold_clean"), row);
    }
}
