using System.Text.RegularExpressions;
using ArchPgtable.Plugins;

namespace ArchPgtable.Native.Arches;

/// <summary>
/// riscv64: the PTE bits of pgtable-bits.h and pgtable-64.h, the bit helpers and atomic overrides of asm/pgtable.h
/// (<c>set_ptes</c>, <c>ptep_get_and_clear</c>, <c>ptep_set_wrprotect</c>, <c>ptep_clear_flush_young</c>), the
/// out-of-line <c>ptep_set_access_flags</c> and <c>ptep_test_and_clear_young</c> of arch/riscv/mm/pgtable.c, and the
/// include/linux/pgtable.h defaults riscv keeps. Linux 6.12 has no contpte-style batch wrappers for riscv: Svnapot is
/// used for hugetlb only, so no helper here folds or reads a NAPOT block (the model's Svnapot layer is a model of
/// what such wrappers would do, not of 6.12).
/// </summary>
/// <remarks>Kernel: arch/riscv/include/asm/pgtable.h, pgtable-64.h, pgtable-bits.h, page.h, arch/riscv/mm/pgtable.c, include/linux/pgtable.h</remarks>
internal sealed partial class RiscVNativeSpec : NativeArchSpec
{
    public override string Arch => "riscv64";

    public override string ShimHeader => "ap_riscv.h";

    public override IReadOnlyList<NativeSourceFile> Files { get; } =
    [
        new("arch/riscv/include/asm/page.h", ["pte_val", "__pte", "pgprot_val", "__pgprot"]),
        new("arch/riscv/include/asm/pgtable-bits.h",
        [
            "_PAGE_ACCESSED_OFFSET", "_PAGE_PRESENT", "_PAGE_READ", "_PAGE_WRITE", "_PAGE_EXEC", "_PAGE_USER", "_PAGE_GLOBAL",
            "_PAGE_ACCESSED", "_PAGE_DIRTY", "_PAGE_SOFT", "_PAGE_SPECIAL", "_PAGE_TABLE", "_PAGE_PROT_NONE", "_PAGE_PFN_SHIFT",
            "_PAGE_LEAF",
        ]),
        new("arch/riscv/include/asm/pgtable-64.h", ["_PAGE_PFN_MASK", "_PAGE_NAPOT_SHIFT", "_PAGE_NAPOT"]),
        new("arch/riscv/include/asm/pgtable.h",
        [
            "__page_val_to_pfn", "has_svnapot", "pte_napot", "pte_pfn", "pte_present", "pte_none", "pte_write", "pte_exec",
            "pte_dirty", "pte_young", "pte_special", "pte_wrprotect", "pte_mkdirty", "pte_mkclean", "pte_mkyoung", "pte_mkold",
            "pte_same", "set_pte", "__set_pte_at", "PFN_PTE_SHIFT", "set_ptes", "pte_clear", "ptep_get_and_clear",
            "ptep_set_wrprotect", "ptep_clear_flush_young",
        ]),
        new("arch/riscv/mm/pgtable.c", ["ptep_set_access_flags", "ptep_test_and_clear_young"]),
        new("include/linux/pgtable.h",
        [
            "pte_batch_hint", "pte_advance_pfn", "pte_next_pfn", "set_pte_at", "ptep_get", "ptep_get_lockless",
            "ptep_get_and_clear_full", "clear_young_dirty_ptes", "get_and_clear_full_ptes", "clear_full_ptes", "wrprotect_ptes",
        ]),
    ];

    /// <summary>
    /// <c>asm goto(ALTERNATIVE("nop", "j %l[L]", 0, EXT, 1) : : : : L);</c> (patched at boot from a nop into a jump when
    /// the CPU has EXT) becomes <c>if (riscv_has_extension_unlikely(EXT)) goto L;</c>, which the shim answers.
    /// </summary>
    public override string Rewrite(string functionText) =>
        AsmGotoAlternative().Replace(functionText, m => $"if (riscv_has_extension_unlikely({m.Groups["ext"].Value})) goto {m.Groups["label"].Value};");

    /// <summary>
    /// With the model's Svnapot layer on (<c>CONFIG_RISCV_ISA_SVNAPOT=y</c>, the plugin's default: a contpte-style layer
    /// that folds 16-page NAPOT blocks, modelled, not upstream) every helper that maps or walks a 64K folio differs from
    /// 6.12, which maps it page by page; <c>--set CONFIG_RISCV_ISA_SVNAPOT=n</c> (upstream's helpers) agrees on every helper compared (the mainline batch helpers included: 6.12 runs their pgtable.h defaults on both sides).
    /// </summary>
    private static readonly string[] AllHelpers =
    [
        "ptep_get", "ptep_get_lockless", "set_ptes", "set_pte_at", "ptep_get_and_clear", "ptep_get_and_clear_full",
        "get_and_clear_full_ptes", "clear_full_ptes", "ptep_test_and_clear_young", "ptep_clear_flush_young",
        "ptep_set_wrprotect", "wrprotect_ptes", "ptep_set_access_flags", "clear_young_dirty_ptes", "mkold_clean_ptes",
        "pte_batch_hint", "get_and_clear_ptes", "clear_ptes", "test_and_clear_young_ptes", "clear_flush_young_ptes",
        "modify_prot_start_ptes", "ptep_modify_prot_start", "modify_prot_commit_ptes", "ptep_modify_prot_commit",
        "clear_nonpresent_ptes",
    ];

    public override IReadOnlyList<NativeKnownDifference> KnownDifferencesFor(ArchInstance model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.Config.IsEnabled("CONFIG_RISCV_ISA_SVNAPOT")
            ?
            [
                .. AllHelpers.Select(h => new NativeKnownDifference(h, "ptep_set_access_flags",
                    "the model's Svnapot contpte-style layer (CONFIG_RISCV_ISA_SVNAPOT=y, modelled, not upstream) folds 64K folios into NAPOT blocks; Linux 6.12 has no such wrappers (Svnapot is for hugetlb only) and maps them page by page. Compare with --set CONFIG_RISCV_ISA_SVNAPOT=n.")),
            ]
            : [];
    }

    public override IReadOnlyDictionary<string, long> Symbols(ArchInstance model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (model.Geometry.PageShift != 12)
        {
            throw new NativeBuildException("--kernel-tree on riscv64 needs 4K pages.");
        }

        return new Dictionary<string, long>
        {
            ["CONFIG_PAGE_SHIFT"] = 12,
            ["CONFIG_64BIT"] = 1,
            ["CONFIG_32BIT"] = 0,
            ["CONFIG_MMU"] = 1,
            ["CONFIG_SMP"] = 1,
            ["CONFIG_RISCV_ISA_SVNAPOT"] = model.Config.IsEnabled("CONFIG_RISCV_ISA_SVNAPOT") ? 1 : 0,
            ["CONFIG_RISCV_ISA_SVPBMT"] = 0,
            ["CONFIG_ERRATA_THEAD_MAE"] = 0,
            ["CONFIG_XIP_KERNEL"] = 0,
            ["CONFIG_GUP_GET_PXX_LOW_HIGH"] = 0,
            ["CONFIG_PAGE_TABLE_CHECK"] = 0,
            ["CONFIG_TRANSPARENT_HUGEPAGE"] = model.Config.IsEnabled("CONFIG_TRANSPARENT_HUGEPAGE") ? 1 : 0,
            ["CONFIG_DEBUG_VM"] = model.Config.IsEnabled("CONFIG_DEBUG_VM") ? 1 : 0,
            ["__ASSEMBLY__"] = 0,
        };
    }

    [GeneratedRegex(@"asm\s+goto\s*\(\s*ALTERNATIVE\s*\(\s*""nop""\s*,\s*""j %l\[\w+\]""\s*,\s*0\s*,\s*(?<ext>\w+)\s*,\s*1\s*\)\s*(?::\s*)+(?<label>\w+)\s*\)\s*;")]
    private static partial Regex AsmGotoAlternative();
}
