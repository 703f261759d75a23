using ArchPgtable.Generic;
using ArchPgtable.X86.Tests.Support;

namespace ArchPgtable.X86.Tests;

/// <summary>The "#define view": exactly what x86 overrides among the modelled helpers.</summary>
public class HelperBindingsTests
{
    private static readonly (string Name, bool IsOverride, string Impl)[] Expected =
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
        ("ptep_get_and_clear_full", true, "ptep_get_and_clear_full"),
        ("ptep_get_lockless", false, "ptep_get_lockless"),
        ("ptep_modify_prot_commit", false, "ptep_modify_prot_commit"),
        ("ptep_modify_prot_start", false, "ptep_modify_prot_start"),
        ("ptep_set_access_flags", true, "ptep_set_access_flags"),
        ("ptep_set_wrprotect", true, "ptep_set_wrprotect"),
        ("ptep_test_and_clear_young", true, "ptep_test_and_clear_young"),
        ("set_pte_at", false, "set_ptes"),
        ("set_ptes", false, "set_ptes"),
        ("test_and_clear_young_ptes", false, "test_and_clear_young_ptes"),
        ("update_mmu_tlb_range", false, "update_mmu_tlb_range"),
        ("wrprotect_ptes", false, "wrprotect_ptes"),
    ];

    [Theory]
    [InlineData("y")]
    [InlineData("n")]
    public void X86_overrides_the_six_single_entry_helpers_it_overrides_in_linux(string shadowStack)
    {
        var arch = Builds.Arch((X86Kconfig.UserShadowStack, shadowStack));
        var rows = HelperBindings.Describe(arch.Ops).Select(b => (b.Name, b.IsOverride, b.Impl)).OrderBy(r => r.Name, StringComparer.Ordinal);
        Assert.Equal(Expected, rows);
    }
}
