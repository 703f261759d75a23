using ArchPgtable.Generic.Contiguous;

namespace ArchPgtable.Arm64;

/// <summary>
/// arm64 built with CONFIG_ARM64_CONTPTE: the public, contpte-aware helpers. PTE_CONT is private
/// to this layer: setters strip it from incoming values, <c>ptep_get</c> reports it (so the leaf
/// size is right) with young/dirty gathered over the block. Single-entry changes that would make
/// a block's entries disagree unfold it first; batch changes unfold only partially covered end
/// blocks; A/D clearing widens to whole blocks and never unfolds. Every helper is one call into the
/// Generic contiguous-block layer (<see cref="ContiguousBlocks{TEncoding}"/>) with arm64's hooks
/// (<see cref="Arm64ContEncoding"/>). Not sealed, so tests can
/// derive known-bad variants (for example the lazyfree v4 <c>mkold_clean_ptes</c>).
/// </summary>
/// <remarks>Kernel: the CONFIG_ARM64_CONTPTE branch of arch/arm64/include/asm/pgtable.h and arch/arm64/mm/contpte.c</remarks>
public partial class Arm64ContPteOps : Arm64PageTableOps
{
    private readonly ContiguousBlocks<Arm64ContEncoding> _blocks;

    /// <summary>Creates the helpers for one granule.</summary>
    /// <param name="granule">The translation granule.</param>
    /// <param name="vaBits">Virtual address bits (CONFIG_ARM64_VA_BITS).</param>
    /// <param name="debugVm">Check entry-level batch preconditions (CONFIG_DEBUG_VM).</param>
    /// <param name="bbml2NoAbort">Every agent of the system has BBML2_NOABORT: contpte_convert() elides its intermediate TLB flush.</param>
    /// <remarks>Kernel: an arm64 kernel built with CONFIG_ARM64_CONTPTE=y for this granule.</remarks>
    public Arm64ContPteOps(Arm64Granule granule, int vaBits = 48, bool debugVm = true, bool bbml2NoAbort = false)
        : base(granule, vaBits, debugVm)
    {
        Bbml2NoAbort = bbml2NoAbort;
        _blocks = new ContiguousBlocks<Arm64ContEncoding>(new Arm64ContEncoding(Arm64Format), Geometry.PageShift, Geometry.ContPtes, bbml2NoAbort);
    }

    /// <summary>True when built for a system where every agent has BBML2_NOABORT.</summary>
    /// <remarks>Kernel: system_supports_bbml2_noabort()</remarks>
    public bool Bbml2NoAbort { get; }

    /// <summary>Raw read; if valid and contiguous, young/dirty OR-ed over the block (mainline's early exit).</summary>
    /// <remarks>Kernel: ptep_get() → contpte_ptep_get()</remarks>
    [KernelHelper("contpte_ptep_get")]
    protected override Pte PtepGetCore(PtePointer ptep) => _blocks.PtepGet(ptep);

    /// <summary>Lock-free read; for a contiguous entry, a gather that restarts on an inconsistent block (bounded here; see <c>ContiguousBlocks.LocklessRetryLimit</c>).</summary>
    /// <remarks>Kernel: ptep_get_lockless() → contpte_ptep_get_lockless()</remarks>
    [KernelHelper("contpte_ptep_get_lockless")]
    protected override Pte PtepGetLocklessCore(PtePointer ptep) => _blocks.PtepGetLockless(ptep, "contiguous block", "misprogrammed PTE_CONT block");

    /// <summary>
    /// Strips PTE_CONT. nr = 1: unfold the old entry's block if it is valid+CONT, raw set, then
    /// try to fold (last entry of an eligible block). nr &gt; 1: contpte_set_ptes (PTE_CONT on
    /// every fully covered, VA- and PA-aligned block; no TLB maintenance).
    /// </summary>
    /// <remarks>Kernel: set_ptes() (arm64 inline) → contpte_try_unfold() / __set_ptes() / contpte_try_fold(), or contpte_set_ptes()</remarks>
    [KernelHelper("contpte_set_ptes")]
    protected override void SetPtesCore(IMmContext mm, ulong addr, PtePointer ptep, Pte pte, int nr) =>
        _blocks.SetPtes(mm, addr, ptep, Arm64Pte.MkNonCont(pte), nr);

    /// <summary>Unfolds the entry's block if it is contiguous, then atomically exchanges the entry with 0.</summary>
    /// <remarks>Kernel: ptep_get_and_clear() (arm64 inline: contpte_try_unfold() + __ptep_get_and_clear())</remarks>
    [KernelHelper("ptep_get_and_clear")]
    protected override Pte PtepGetAndClearCore(IMmContext mm, ulong addr, PtePointer ptep) => _blocks.PtepGetAndClear(mm, addr, ptep);

    /// <summary>nr = 1: unfold if contiguous, then raw clear. nr &gt; 1: unfold the partially covered end blocks, then raw clear; the result carries the batch's young/dirty.</summary>
    /// <remarks>Kernel: get_and_clear_full_ptes() (arm64 inline) → contpte_get_and_clear_full_ptes()</remarks>
    [KernelHelper("contpte_get_and_clear_full_ptes")]
    protected override Pte GetAndClearFullPtesCore(IMmContext mm, ulong addr, PtePointer ptep, int nr, bool full) =>
        _blocks.GetAndClearFullPtes(mm, addr, ptep, nr);

    /// <summary>nr = 1: unfold if contiguous, then raw clear. nr &gt; 1: unfold the partially covered end blocks, then raw clear.</summary>
    /// <remarks>Kernel: clear_full_ptes() (arm64 inline) → contpte_clear_full_ptes()</remarks>
    [KernelHelper("contpte_clear_full_ptes")]
    protected override void ClearFullPtesCore(IMmContext mm, ulong addr, PtePointer ptep, int nr, bool full) =>
        _blocks.ClearFullPtes(mm, addr, ptep, nr);

    /// <summary>Non-contiguous: the raw compare-and-exchange clear. Contiguous: clears AF on the whole block (no unfold) and returns the OR.</summary>
    /// <remarks>Kernel: ptep_test_and_clear_young() (arm64 inline) → contpte_ptep_test_and_clear_young()</remarks>
    [KernelHelper("contpte_ptep_test_and_clear_young")]
    protected override bool PtepTestAndClearYoungCore(IMmContext vma, ulong addr, PtePointer ptep) => _blocks.PtepTestAndClearYoung(ptep);

    /// <summary>Non-contiguous: raw clear plus a page flush if young. Contiguous: clears AF on the whole block, then a non-synchronous range flush of the block if any was young.</summary>
    /// <remarks>Kernel: ptep_clear_flush_young() (arm64 inline) → contpte_ptep_clear_flush_young()</remarks>
    [KernelHelper("contpte_ptep_clear_flush_young")]
    protected override bool PtepClearFlushYoungCore(IMmContext vma, ulong addr, PtePointer ptep) => _blocks.PtepClearFlushYoung(vma, addr, ptep);

    /// <summary><see cref="WrprotectPtesCore"/> with nr = 1: unfold the block if contiguous, then write-protect the one entry.</summary>
    /// <remarks>Kernel: ptep_set_wrprotect() (arm64 inline: wrprotect_ptes(mm, addr, ptep, 1))</remarks>
    [KernelHelper("ptep_set_wrprotect")]
    protected override void PtepSetWrprotectCore(IMmContext mm, ulong addr, PtePointer ptep) =>
        WrprotectPtesCore(mm, addr, ptep, 1);

    /// <summary>nr = 1: unfold if contiguous, then raw write-protect (fork with order-0 folios). nr &gt; 1: unfold the partially covered end blocks, then raw write-protect all; fully covered blocks stay contiguous.</summary>
    /// <remarks>Kernel: wrprotect_ptes() (arm64 inline) → contpte_wrprotect_ptes()</remarks>
    [KernelHelper("contpte_wrprotect_ptes")]
    protected override void WrprotectPtesCore(IMmContext mm, ulong addr, PtePointer ptep, int nr) => _blocks.WrprotectPtes(mm, addr, ptep, nr);

    /// <summary>
    /// Strips PTE_CONT from <paramref name="entry"/>. Non-contiguous: the raw helper. Contiguous: no-op only when every raw
    /// entry of the block already has the entry's PTE_RDONLY, PTE_AF, PTE_WRITE and PTE_DIRTY (the gathered view is not
    /// enough: a walker that evaluates one descriptor keeps faulting when only a sibling was updated); block-wide update
    /// without unfold and one local flush when the write bit is unchanged; unfold + single update when it changes.
    /// </summary>
    /// <remarks>Kernel: ptep_set_access_flags() (arm64 inline) → contpte_ptep_set_access_flags() with contpte_all_subptes_match_access_flags()
    /// (mainline; v6.10 to the fix compared the gathered value and returned early: the sibling-only livelock) and local_flush_tlb_contpte()</remarks>
    [KernelHelper("contpte_ptep_set_access_flags")]
    protected override bool PtepSetAccessFlagsCore(IMmContext vma, ulong addr, PtePointer ptep, Pte entry, bool dirty) =>
        _blocks.PtepSetAccessFlags(vma, addr, ptep, Arm64Pte.MkNonCont(entry), dirty);

    /// <summary>nr = 1 on a non-contiguous entry: the raw clear. Otherwise the range is widened to whole blocks at each end whose raw entry is contiguous and cleared raw: no fold, no unfold, no flush.</summary>
    /// <remarks>Kernel: clear_young_dirty_ptes() (arm64 inline) → contpte_clear_young_dirty_ptes()</remarks>
    [KernelHelper("contpte_clear_young_dirty_ptes")]
    protected override void ClearYoungDirtyPtesCore(IMmContext vma, ulong addr, PtePointer ptep, int nr, CydpFlags flags) =>
        _blocks.ClearYoungDirtyPtes(addr, ptep, nr, flags);

    /// <summary><see cref="ClearYoungDirtyPtesCore"/> with both flags: the shape the v4 review asked for (follow the batched-helper pattern, any nr, any mix of blocks).</summary>
    /// <remarks>Kernel: mkold_clean_ptes() (arm64 inline) → contpte_mkold_clean_ptes() (the name the review asked for)</remarks>
    [KernelHelper("contpte_mkold_clean_ptes")]
    protected override void MkoldCleanPtesCore(IMmContext vma, ulong addr, PtePointer ptep, int nr) =>
        _blocks.ClearYoungDirtyPtes(addr, ptep, nr, CydpFlags.Young | CydpFlags.Dirty);

    /// <summary>For a valid contiguous entry, the entries left in its block from <paramref name="ptep"/> on; otherwise 1.</summary>
    /// <remarks>Kernel: pte_batch_hint() (arm64 inline)</remarks>
    [KernelHelper("pte_batch_hint")]
    protected override int PteBatchHintCore(PtePointer ptep, Pte pte) => _blocks.PteBatchHint(ptep, pte);
}
