using ArchPgtable.Plugins;

namespace ArchPgtable.Arm64;

/// <summary>
/// What the contract suite finds in upstream arm64's helpers on some machines, declared so that <c>verify</c> reports
/// it as an expected failure (XFAIL) with its counterexample instead of hiding it.
/// </summary>
/// <remarks>Kernel: arch/arm64/mm/contpte.c</remarks>
public static class Arm64KnownFindings
{
    private const string Reason =
        "with BBML2_NOABORT on every agent, contpte_convert() skips its intermediate TLBI, so a fold can leave per-page TLB "
        + "entries (writable, dirty) of the block's pages cached; contpte_clear_young_dirty_ptes() widens a partial range to the whole "
        + "block and cleans every entry, but the caller flushes only its own range, so a stale per-page entry elsewhere in the block "
        + "keeps granting stores without a dirty update. Core mm's MADV_FREE always covers whole folios (it splits partially covered "
        + "ones), so this needs a caller that cleans part of a contiguous block";

    /// <summary>The BBML2_NOABORT machine's finding: a partial clean of a block folded without a TLBI leaves stale writable entries.</summary>
    /// <remarks>Kernel: contpte_convert() (the !system_supports_bbml2_noabort() flush) with contpte_clear_young_dirty_ptes()</remarks>
    public static IReadOnlyList<KnownFinding> Bbml2 { get; } =
    [
        new KnownFinding("clear_young_dirty_ptes/contract", Reason, "arch/arm64/mm/contpte.c: contpte_convert(), contpte_clear_young_dirty_ptes()"),
        new KnownFinding("mkold_clean_ptes/contract", Reason, "arch/arm64/mm/contpte.c: contpte_convert(), contpte_clear_young_dirty_ptes()"),
    ];
}
