namespace ArchPgtable.Arm64;

/// <summary>
/// arm64 built without CONFIG_ARM64_CONTPTE: every public helper arm64 defines is its raw
/// <c>__</c> twin (<c>#define ptep_get __ptep_get</c>, …). <c>ptep_get_lockless</c>,
/// <c>ptep_get_and_clear_full</c> and <c>pte_batch_hint</c> stay the generic defaults.
/// </summary>
/// <remarks>Kernel: the #else /* CONFIG_ARM64_CONTPTE */ branch of arch/arm64/include/asm/pgtable.h</remarks>
public sealed class Arm64NoContPteOps : Arm64PageTableOps
{
    /// <summary>Creates the helpers for one granule.</summary>
    /// <param name="granule">The translation granule.</param>
    /// <param name="vaBits">Virtual address bits (CONFIG_ARM64_VA_BITS).</param>
    /// <param name="debugVm">Check entry-level batch preconditions (CONFIG_DEBUG_VM).</param>
    /// <remarks>Kernel: an arm64 kernel built with CONFIG_ARM64_CONTPTE=n for this granule.</remarks>
    public Arm64NoContPteOps(Arm64Granule granule, int vaBits = 48, bool debugVm = true)
        : base(granule, vaBits, debugVm)
    {
    }

    /// <inheritdoc/>
    /// <remarks>Kernel: #define ptep_get __ptep_get</remarks>
    [KernelHelper("__ptep_get")]
    protected override Pte PtepGetCore(PtePointer ptep) => Arm64RawPtes.PtepGet(ptep);

    /// <inheritdoc/>
    /// <remarks>Kernel: #define set_ptes __set_ptes</remarks>
    [KernelHelper("__set_ptes")]
    protected override void SetPtesCore(IMmContext mm, ulong addr, PtePointer ptep, Pte pte, int nr) =>
        Arm64RawPtes.SetPtes(Arm64Format, ptep, pte, nr);

    /// <inheritdoc/>
    /// <remarks>Kernel: #define ptep_get_and_clear __ptep_get_and_clear</remarks>
    [KernelHelper("__ptep_get_and_clear")]
    protected override Pte PtepGetAndClearCore(IMmContext mm, ulong addr, PtePointer ptep) => Arm64RawPtes.PtepGetAndClear(ptep);

    /// <inheritdoc/>
    /// <remarks>Kernel: #define get_and_clear_full_ptes __get_and_clear_full_ptes</remarks>
    [KernelHelper("__get_and_clear_full_ptes")]
    protected override Pte GetAndClearFullPtesCore(IMmContext mm, ulong addr, PtePointer ptep, int nr, bool full) =>
        Arm64RawPtes.GetAndClearFullPtes(ptep, nr);

    /// <inheritdoc/>
    /// <remarks>Kernel: #define clear_full_ptes __clear_full_ptes</remarks>
    [KernelHelper("__clear_full_ptes")]
    protected override void ClearFullPtesCore(IMmContext mm, ulong addr, PtePointer ptep, int nr, bool full) =>
        Arm64RawPtes.ClearFullPtes(ptep, nr);

    /// <inheritdoc/>
    /// <remarks>Kernel: #define ptep_test_and_clear_young __ptep_test_and_clear_young</remarks>
    [KernelHelper("__ptep_test_and_clear_young")]
    protected override bool PtepTestAndClearYoungCore(IMmContext vma, ulong addr, PtePointer ptep) =>
        Arm64RawPtes.PtepTestAndClearYoung(ptep);

    /// <inheritdoc/>
    /// <remarks>Kernel: #define ptep_clear_flush_young __ptep_clear_flush_young</remarks>
    [KernelHelper("__ptep_clear_flush_young")]
    protected override bool PtepClearFlushYoungCore(IMmContext vma, ulong addr, PtePointer ptep) =>
        Arm64RawPtes.PtepClearFlushYoung(vma, addr, ptep);

    /// <inheritdoc/>
    /// <remarks>Kernel: #define ptep_set_wrprotect __ptep_set_wrprotect</remarks>
    [KernelHelper("__ptep_set_wrprotect")]
    protected override void PtepSetWrprotectCore(IMmContext mm, ulong addr, PtePointer ptep) => Arm64RawPtes.PtepSetWrprotect(ptep);

    /// <inheritdoc/>
    /// <remarks>Kernel: #define wrprotect_ptes __wrprotect_ptes</remarks>
    [KernelHelper("__wrprotect_ptes")]
    protected override void WrprotectPtesCore(IMmContext mm, ulong addr, PtePointer ptep, int nr) =>
        Arm64RawPtes.WrprotectPtes(ptep, nr);

    /// <inheritdoc/>
    /// <remarks>Kernel: #define ptep_set_access_flags __ptep_set_access_flags</remarks>
    [KernelHelper("__ptep_set_access_flags")]
    protected override bool PtepSetAccessFlagsCore(IMmContext vma, ulong addr, PtePointer ptep, Pte entry, bool dirty) =>
        Arm64RawPtes.PtepSetAccessFlags(vma, addr, ptep, entry, dirty, Geometry.PageSize);

    /// <inheritdoc/>
    /// <remarks>Kernel: #define clear_young_dirty_ptes __clear_young_dirty_ptes</remarks>
    [KernelHelper("__clear_young_dirty_ptes")]
    protected override void ClearYoungDirtyPtesCore(IMmContext vma, ulong addr, PtePointer ptep, int nr, CydpFlags flags) =>
        Arm64RawPtes.ClearYoungDirtyPtes(ptep, nr, flags);

    /// <inheritdoc/>
    /// <remarks>Kernel: #define mkold_clean_ptes __mkold_clean_ptes (lazyfree v4)</remarks>
    [KernelHelper("__mkold_clean_ptes")]
    protected override void MkoldCleanPtesCore(IMmContext vma, ulong addr, PtePointer ptep, int nr) =>
        Arm64RawPtes.MkoldCleanPtes(ptep, nr);
}
