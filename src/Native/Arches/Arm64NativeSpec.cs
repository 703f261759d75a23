using ArchPgtable.Plugins;

namespace ArchPgtable.Native.Arches;

/// <summary>
/// arm64: contpte.c, the raw <c>__</c> helpers and public contpte wrappers of asm/pgtable.h, the PTE
/// bits of pgtable-hwdef.h and pgtable-prot.h, and <c>__ptep_set_access_flags()</c> from fault.c.
/// </summary>
/// <remarks>Kernel: arch/arm64/include/asm/pgtable.h, arch/arm64/mm/contpte.c, arch/arm64/mm/fault.c</remarks>
internal sealed class Arm64NativeSpec : NativeArchSpec
{
    public override string Arch => "arm64";

    public override string ShimHeader => "ap_arm64.h";

    public override IReadOnlyList<string> Hooked => ["contpte_convert"];

    public override string? HooksFile => "ap_arm64_hooks.c";

    public override IReadOnlyList<NativeSourceFile> Files { get; } =
    [
        new("arch/arm64/include/asm/pgtable-types.h", ["pte_val", "__pte", "pgprot_val", "__pgprot"]),
        new("arch/arm64/include/asm/pgtable-hwdef.h",
        [
            "CONT_PTE_SHIFT", "CONT_PTES", "CONT_PTE_SIZE", "CONT_PTE_MASK",
            "PTE_VALID", "PTE_TYPE_MASK", "PTE_TYPE_PAGE", "PTE_TABLE_BIT", "PTE_USER", "PTE_RDONLY", "PTE_SHARED",
            "PTE_AF", "PTE_NG", "PTE_GP", "PTE_DBM", "PTE_CONT", "PTE_PXN", "PTE_UXN", "PTE_ADDR_LOW", "PTE_ATTRINDX_MASK",
        ], Optional: ["PTE_PO_IDX_MASK"]),
        new("arch/arm64/include/asm/pgtable-prot.h", ["PTE_WRITE", "PTE_DIRTY", "PTE_SPECIAL", "PTE_PRESENT_INVALID"], Optional: ["PTE_DEVMAP"]),
        new("include/linux/pgtable.h", ["pte_same"]),
        new("arch/arm64/include/asm/pgtable.h",
        [
            "__pte_to_phys", "__phys_to_pte_val", "pte_pfn", "pfn_pte", "pte_none", "pte_page", "pte_present", "pte_young",
            "pte_special", "pte_write", "pte_rdonly", "pte_user", "pte_user_exec", "pte_cont", "pte_cont_addr_end",
            "pte_hw_dirty", "pte_sw_dirty", "pte_dirty", "pte_valid", "pte_present_invalid", "pte_valid_not_user", "pte_valid_cont",
            "clear_pte_bit", "set_pte_bit", "pte_mkwrite_novma", "pte_mkclean", "pte_mkdirty", "pte_wrprotect", "pte_mkold",
            "pte_mkyoung", "pte_mkcont", "pte_mknoncont",
            "__set_pte_nosync", "__set_pte", "__ptep_get", "pte_pgprot", "pte_advance_pfn", "__set_ptes", "__pte_clear",
            "__ptep_test_and_clear_young", "__ptep_clear_flush_young", "__ptep_get_and_clear", "__clear_full_ptes",
            "__get_and_clear_full_ptes", "___ptep_set_wrprotect", "__ptep_set_wrprotect", "__wrprotect_ptes",
            "__clear_young_dirty_pte", "__clear_young_dirty_ptes",
            "contpte_try_fold", "contpte_try_unfold", "pte_batch_hint", "ptep_get", "ptep_get_lockless", "set_ptes",
            "clear_full_ptes", "get_and_clear_full_ptes", "ptep_get_and_clear", "ptep_test_and_clear_young",
            "ptep_clear_flush_young", "wrprotect_ptes", "ptep_set_wrprotect", "ptep_set_access_flags", "clear_young_dirty_ptes",
        ]),
        new("arch/arm64/mm/contpte.c",
        [
            "mm_is_user", "contpte_align_down", "contpte_try_unfold_partial", "contpte_convert", "__contpte_try_fold",
            "__contpte_try_unfold", "contpte_ptep_get", "contpte_ptep_get_lockless", "contpte_set_ptes", "contpte_clear_full_ptes",
            "contpte_get_and_clear_full_ptes", "contpte_ptep_test_and_clear_young", "contpte_ptep_clear_flush_young",
            "contpte_wrprotect_ptes", "contpte_clear_young_dirty_ptes", "contpte_ptep_set_access_flags",
        ], Optional: ["contpte_all_subptes_match_access_flags"]),
        new("arch/arm64/mm/fault.c", ["__ptep_set_access_flags"]),
    ];

    // No known difference: Debian's 6.12.117 carries the stable backport of "arm64: contpte: fix set_access_flags()
    // no-op check for SMMU/ATS faults" (mainline v7.0-rc3), and the arm64 model plugin models that fix too
    // (ContiguousBlocks.SetAccessFlagsBlock checks every raw sub-PTE). A tree without the backport shows a DIFF on
    // ptep_set_access_flags, which is the model being at mainline, not a bug.

    public override IReadOnlyDictionary<string, long> Symbols(ArchInstance model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (!model.Config.IsEnabled("CONFIG_ARM64_CONTPTE") || !model.Config.IsEnabled("CONFIG_TRANSPARENT_HUGEPAGE"))
        {
            throw new NativeBuildException(
                "--kernel-tree on arm64 needs CONFIG_ARM64_CONTPTE=y and CONFIG_TRANSPARENT_HUGEPAGE=y (the raw-only build is not wired up yet).");
        }

        var g = model.Geometry;
        var contShift = System.Numerics.BitOperations.Log2((uint)g.ContPtes);
        var symbols = new Dictionary<string, long>
        {
            ["CONFIG_PAGE_SHIFT"] = g.PageShift,
            ["CONFIG_ARM64_CONT_PTE_SHIFT"] = contShift,
            ["CONFIG_ARM64_CONTPTE"] = 1,
            ["CONFIG_TRANSPARENT_HUGEPAGE"] = 1,
            ["CONFIG_ARM64_VA_BITS"] = g.VaBits,
            ["CONFIG_ARM64_PA_BITS"] = 48,
            ["CONFIG_ARM64_PA_BITS_52"] = 0,
            ["CONFIG_MMU"] = 1,
            ["CONFIG_ARM64_4K_PAGES"] = g.PageShift == 12 ? 1 : 0,
            ["CONFIG_ARM64_16K_PAGES"] = g.PageShift == 14 ? 1 : 0,
            ["CONFIG_ARM64_64K_PAGES"] = g.PageShift == 16 ? 1 : 0,
            ["CONFIG_DEBUG_VM"] = model.Config.IsEnabled("CONFIG_DEBUG_VM") ? 1 : 0,
        };
        return symbols;
    }
}
