using ArchPgtable.Plugins;

namespace ArchPgtable.Native.Arches;

/// <summary>
/// x86_64: the PTE bits of pgtable_types.h, the bit helpers and the overridden atomic helpers of asm/pgtable.h and
/// pgtable_64.h (<c>ptep_get_and_clear(_full)</c>, <c>ptep_set_wrprotect</c>, <c>set_pte</c>), the out-of-line
/// <c>ptep_set_access_flags</c>, <c>ptep_test_and_clear_young</c> and <c>ptep_clear_flush_young</c> of
/// arch/x86/mm/pgtable.c, and every include/linux/pgtable.h default x86 does not override (the batched helpers,
/// <c>ptep_get</c>, <c>pte_batch_hint</c>). A name list and a shim: the entries of <c>Shim/ap_entry.c</c> are shared.
/// </summary>
/// <remarks>Kernel: arch/x86/include/asm/pgtable.h, pgtable_64.h, pgtable_types.h, pgtable-invert.h, arch/x86/mm/pgtable.c, include/linux/pgtable.h</remarks>
internal sealed class X86NativeSpec : NativeArchSpec
{
    public override string Arch => "x86_64";

    public override string ShimHeader => "ap_x86.h";

    public override bool RewritesPlainPteReads => true;

    public override IReadOnlyList<NativeSourceFile> Files { get; } =
    [
        new("arch/x86/include/asm/pgtable_types.h",
        [
            "_PAGE_BIT_PRESENT", "_PAGE_BIT_RW", "_PAGE_BIT_USER", "_PAGE_BIT_PWT", "_PAGE_BIT_PCD", "_PAGE_BIT_ACCESSED",
            "_PAGE_BIT_DIRTY", "_PAGE_BIT_PSE", "_PAGE_BIT_PAT", "_PAGE_BIT_GLOBAL", "_PAGE_BIT_SOFTW1", "_PAGE_BIT_SOFTW2",
            "_PAGE_BIT_SOFTW3", "_PAGE_BIT_SOFTW4", "_PAGE_BIT_SOFTW5", "_PAGE_BIT_SPECIAL", "_PAGE_BIT_SOFT_DIRTY",
            "_PAGE_BIT_SAVED_DIRTY", "_PAGE_BIT_NX", "_PAGE_BIT_PROTNONE",
            "_PAGE_PRESENT", "_PAGE_RW", "_PAGE_USER", "_PAGE_PWT", "_PAGE_PCD", "_PAGE_ACCESSED", "_PAGE_DIRTY", "_PAGE_PSE",
            "_PAGE_GLOBAL", "_PAGE_SPECIAL", "_PAGE_SOFT_DIRTY", "_PAGE_SAVED_DIRTY", "_PAGE_DIRTY_BITS", "_PAGE_NX",
            "_PAGE_PROTNONE", "_PAGE_KNL_ERRATUM_MASK", "PTE_PFN_MASK", "PTE_FLAGS_MASK", "native_make_pte", "native_pte_val", "pte_flags",
        ]),
        new("arch/x86/include/asm/pgtable-invert.h", ["__pte_needs_invert", "protnone_mask"]),
        new("arch/x86/include/asm/pgtable_64.h", ["native_set_pte", "native_pte_clear", "native_ptep_get_and_clear"]),
        new("arch/x86/include/asm/pgtable.h",
        [
            "set_pte", "pte_clear", "pte_val", "__pte", "PFN_PTE_SHIFT",
            "pte_dirty", "pte_shstk", "pte_young", "pte_write", "pte_special", "pte_pfn", "pte_set_flags", "pte_clear_flags",
            "mksaveddirty_shift", "clear_saveddirty_shift", "pte_mksaveddirty", "pte_clear_saveddirty", "pte_wrprotect",
            "pte_mkclean", "pte_mkold", "pte_mkdirty", "pte_mkyoung", "pte_none", "pte_same", "pte_present",
            "native_local_ptep_get_and_clear", "ptep_get_and_clear", "ptep_get_and_clear_full", "ptep_set_wrprotect",
        ]),
        new("arch/x86/mm/pgtable.c", ["ptep_set_access_flags", "ptep_test_and_clear_young", "ptep_clear_flush_young"]),
        new("include/linux/pgtable.h",
        [
            "pte_batch_hint", "pte_advance_pfn", "pte_next_pfn", "set_ptes", "set_pte_at", "ptep_get", "ptep_get_lockless",
            "clear_young_dirty_ptes", "get_and_clear_full_ptes", "clear_full_ptes", "wrprotect_ptes",
        ]),
    ];

    public override IReadOnlyDictionary<string, long> Symbols(ArchInstance model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (model.Geometry.PageShift != 12)
        {
            throw new NativeBuildException("--kernel-tree on x86_64 needs 4K pages (the model's only geometry).");
        }

        return new Dictionary<string, long>
        {
            ["CONFIG_PAGE_SHIFT"] = 12,
            ["CONFIG_X86_64"] = 1,
            ["CONFIG_X86_32"] = 0,
            ["CONFIG_X86_PAE"] = 0,
            ["CONFIG_PGTABLE_LEVELS"] = 4,
            ["CONFIG_SMP"] = 1,
            ["CONFIG_MMU"] = 1,
            ["CONFIG_PARAVIRT"] = 0,
            ["CONFIG_PARAVIRT_XXL"] = 0,
            ["CONFIG_MEM_SOFT_DIRTY"] = 1,
            ["CONFIG_HAVE_ARCH_USERFAULTFD_WP"] = 1,
            ["CONFIG_GUP_GET_PXX_LOW_HIGH"] = 0,
            ["CONFIG_PAGE_TABLE_CHECK"] = 0,
            ["CONFIG_X86_USER_SHADOW_STACK"] = model.Config.IsEnabled("CONFIG_X86_USER_SHADOW_STACK") ? 1 : 0,
            ["CONFIG_TRANSPARENT_HUGEPAGE"] = model.Config.IsEnabled("CONFIG_TRANSPARENT_HUGEPAGE") ? 1 : 0,
            ["CONFIG_DEBUG_VM"] = model.Config.IsEnabled("CONFIG_DEBUG_VM") ? 1 : 0,
            ["__ASSEMBLY__"] = 0,
        };
    }
}
