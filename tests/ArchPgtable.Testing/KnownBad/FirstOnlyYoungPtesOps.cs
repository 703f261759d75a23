using ArchPgtable.Arm64;

namespace ArchPgtable.Testing.KnownBad;

/// <summary>
/// Known-bad <c>test_and_clear_young_ptes</c> / <c>clear_flush_young_ptes</c>: they age only the batch's first entry
/// (its raw word, as a per-page loop that stops after one iteration would), so the rest of a large folio's batch keeps
/// reporting young and reclaim thinks the folio was referenced again.
/// </summary>
public sealed class FirstOnlyYoungPtesOps(Arm64Granule granule) : Arm64ContPteOps(granule)
{
    /// <inheritdoc/>
    [KernelHelper("first_only_test_and_clear_young_ptes")]
    protected override bool TestAndClearYoungPtesCore(IMmContext vma, ulong addr, PtePointer ptep, int nr) =>
        Arm64RawPtes.PtepTestAndClearYoung(ptep);

    /// <inheritdoc/>
    [KernelHelper("first_only_clear_flush_young_ptes")]
    protected override bool ClearFlushYoungPtesCore(IMmContext vma, ulong addr, PtePointer ptep, int nr) =>
        Arm64RawPtes.PtepClearFlushYoung(vma, addr, ptep);
}
