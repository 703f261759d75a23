using NSubstitute;

namespace ArchPgtable.Generic.Tests;

/// <summary>The "#define view": helper by helper, the generic default or the arch override in force.</summary>
public class HelperBindingsTests
{
    /// <summary>Every helper of IPageTableOps, in declaration order, by kernel name.</summary>
    private static readonly string[] AllHelpers =
    [
        "ptep_get", "ptep_get_lockless", "set_ptes", "set_pte_at", "ptep_get_and_clear", "ptep_get_and_clear_full",
        "get_and_clear_full_ptes", "clear_full_ptes", "ptep_test_and_clear_young", "ptep_clear_flush_young",
        "ptep_set_wrprotect", "wrprotect_ptes", "ptep_set_access_flags", "clear_young_dirty_ptes",
        "mkold_clean_ptes", "pte_batch_hint", "get_and_clear_ptes", "clear_ptes", "clear_flush_young_ptes",
        "test_and_clear_young_ptes", "ptep_modify_prot_start", "ptep_modify_prot_commit", "modify_prot_start_ptes",
        "modify_prot_commit_ptes", "clear_nonpresent_ptes", "update_mmu_tlb_range",
    ];

    /// <summary>The implementation a generic row names: its own, except the wrappers (set_pte_at is the set_ptes macro; get_and_clear_ptes and clear_ptes call the full helpers).</summary>
    private static string GenericImpl(string helper) => helper switch
    {
        "set_pte_at" => "set_ptes",
        "get_and_clear_ptes" => "get_and_clear_full_ptes",
        "clear_ptes" => "clear_full_ptes",
        _ => helper,
    };

    [Fact]
    public void Set_pte_at_is_listed_as_the_set_ptes_macro()
    {
        var row = HelperBindings.Describe(GenericRig.BuildGeneric().Ops).Single(r => r.Name == "set_pte_at");

        Assert.Equal(new HelperBinding("set_pte_at", false, "set_ptes"), row);
    }

    [Fact]
    public void The_generic_arch_lists_every_helper_in_order_each_the_generic_default()
    {
        var rows = HelperBindings.Describe(GenericRig.BuildGeneric().Ops);

        Assert.Equal(AllHelpers, rows.Select(r => r.Name));
        Assert.All(rows, r =>
        {
            Assert.False(r.IsOverride, r.Name);
            Assert.Equal(GenericImpl(r.Name), r.Impl);
        });
    }

    [Fact]
    public void One_overridden_core_member_shows_as_that_override_and_nothing_else_changes()
    {
        var rows = HelperBindings.Describe(new MyWrprotectOps());

        Assert.Equal(AllHelpers, rows.Select(r => r.Name));
        Assert.Equal(new HelperBinding("wrprotect_ptes", true, "my_wrprotect_ptes"), rows.Single(r => r.IsOverride));
        Assert.All(rows.Where(r => r.Name != "wrprotect_ptes"), r => Assert.Equal(new HelperBinding(r.Name, false, GenericImpl(r.Name)), r));
    }

    [Fact]
    public void Set_pte_at_follows_an_overridden_set_ptes()
    {
        var rows = HelperBindings.Describe(new MySetPtesOps());

        Assert.Equal(
            [new HelperBinding("set_ptes", true, "my_set_ptes"), new HelperBinding("set_pte_at", true, "my_set_ptes")],
            rows.Where(r => r.IsOverride));
    }

    [Fact]
    public void An_override_without_a_kernel_name_is_listed_under_the_helper_name()
    {
        var rows = HelperBindings.Describe(new UnnamedOverrideOps());

        Assert.Equal(new HelperBinding("pte_batch_hint", true, "pte_batch_hint"), rows.Single(r => r.IsOverride));
    }

    [Fact]
    public void Several_overrides_are_each_listed_with_their_own_name()
    {
        var overrides = HelperBindings.Describe(new CountingPrimitivesOps()).Where(r => r.IsOverride).ToList();

        Assert.Equal(
        [
            new HelperBinding("ptep_get", true, "counting_ptep_get"),
            new HelperBinding("ptep_get_and_clear", true, "counting_ptep_get_and_clear"),
            new HelperBinding("ptep_get_and_clear_full", true, "counting_ptep_get_and_clear_full"),
            new HelperBinding("ptep_test_and_clear_young", true, "counting_ptep_test_and_clear_young"),
            new HelperBinding("ptep_set_wrprotect", true, "counting_ptep_set_wrprotect"),
        ], overrides);
    }

    [Fact]
    public void An_implementation_that_is_not_GenericPageTableOps_overrides_everything()
    {
        var rows = HelperBindings.Describe(Substitute.For<IPageTableOps>());

        Assert.Equal(AllHelpers, rows.Select(r => r.Name));
        Assert.All(rows, r => Assert.Equal(new HelperBinding(r.Name, true, GenericImpl(r.Name)), r));
    }

    [Fact]
    public void Describe_rejects_null() =>
        Assert.Throws<ArgumentNullException>(() => HelperBindings.Describe(null!));
}
