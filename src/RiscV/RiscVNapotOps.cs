using ArchPgtable.Generic;
using ArchPgtable.Generic.Contiguous;

namespace ArchPgtable.RiscV;

/// <summary>
/// riscv64 with CONFIG_RISCV_ISA_SVNAPOT and THP: a contpte-style layer that maps large
/// anonymous folios with 64 KiB NAPOT ranges. This is NOT what upstream Linux does — upstream
/// uses NAPOT for hugetlb only — but what arm64's contpte layer does with PTE_CONT, carried over
/// with riscv's encoding as the unmerged riscv contpte RFC proposes. In memory a range is 16
/// copies of one NAPOT value (ppn[3:0] = 1000b, N set); core mm never sees that encoding:
/// ptep_get() reports entry i as a plain entry for base + i with A/D gathered over the range,
/// get-and-clear helpers return the same view, and setters take only such views. Single-entry
/// changes that would make a range's entries disagree unfold it first; batch changes unfold
/// only partially covered end ranges; A/D clearing widens to whole ranges and never unfolds.
/// Where the layer calls a single-entry helper it is riscv's upstream one (<see cref="RiscVRawPtes"/>),
/// so young-clearing still never flushes and ptep_set_access_flags still returns true. Every helper is one
/// call into the Generic contiguous-block layer (<see cref="ContiguousBlocks{TEncoding}"/>) with riscv's
/// hooks (<see cref="RiscVNapotEncoding"/>), the shape the 2026 Svnapot series gives riscv (raw __ helpers,
/// public wrappers).
/// </summary>
/// <remarks>Kernel: none upstream; modelled on arch/arm64/mm/contpte.c and the CONFIG_ARM64_CONTPTE inlines of arch/arm64/include/asm/pgtable.h.</remarks>
public sealed partial class RiscVNapotOps : GenericPageTableOps
{
    /// <summary>Creates the helpers.</summary>
    /// <param name="mode">Sv39 or Sv48.</param>
    /// <param name="debugVm">Check entry-level batch preconditions (CONFIG_DEBUG_VM).</param>
    /// <remarks>Kernel: a riscv64 kernel with the (modelled) NAPOT layer, running in <paramref name="mode"/>.</remarks>
    public RiscVNapotOps(RiscVPagingMode mode, bool debugVm = true)
        : base(RiscVPteFormat.Instance, new ArchGeometry(12, (int)mode, RiscVPteBits.NapotPtes), debugVm)
    {
    }

    private static ContiguousBlocks<RiscVNapotEncoding> Blocks { get; } = new(default, pageShift: 12, RiscVPteBits.NapotPtes);

    /// <summary>Raw read; for a NAPOT entry, the core-mm view (base + i, A/D gathered over the range).</summary>
    /// <remarks>Kernel: ptep_get() → contpte_ptep_get() (modelled)</remarks>
    [KernelHelper("contpte_ptep_get")]
    protected override Pte PtepGetCore(PtePointer ptep) => Blocks.PtepGet(ptep);

    /// <summary>Lock-free read; for a NAPOT entry, a gather that restarts on an inconsistent range.</summary>
    /// <remarks>Kernel: ptep_get_lockless() → contpte_ptep_get_lockless() (modelled)</remarks>
    [KernelHelper("contpte_ptep_get_lockless")]
    protected override Pte PtepGetLocklessCore(PtePointer ptep) => Blocks.PtepGetLockless(ptep, "NAPOT range", "misprogrammed NAPOT range");

    /// <summary>
    /// nr = 1: unfold the old entry's range if NAPOT, store, then try to fold (last entry of an
    /// eligible range). nr &gt; 1: NAPOT on every fully covered, VA- and PA-aligned range.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="pte"/> is NAPOT-encoded (not a value core mm ever holds).</exception>
    /// <remarks>Kernel: set_ptes() → contpte_try_unfold() / set_pte() / contpte_try_fold(), or contpte_set_ptes() (modelled)</remarks>
    [KernelHelper("contpte_set_ptes")]
    protected override void SetPtesCore(IMmContext mm, ulong addr, PtePointer ptep, Pte pte, int nr)
    {
        if (RiscVPte.Napot(pte))
        {
            throw new ArgumentException(
                $"set_ptes: {Format.Describe(pte)} is NAPOT-encoded; pass the value ptep_get() reports (NAPOT ranges are this layer's business).", nameof(pte));
        }

        Blocks.SetPtes(mm, addr, ptep, pte, nr);
    }

    /// <summary>Unfolds the entry's range if NAPOT, then the atomic exchange with 0.</summary>
    /// <remarks>Kernel: ptep_get_and_clear() (contpte_try_unfold() + riscv's atomic_long_xchg; modelled)</remarks>
    [KernelHelper("ptep_get_and_clear")]
    protected override Pte PtepGetAndClearCore(IMmContext mm, ulong addr, PtePointer ptep) => Blocks.PtepGetAndClear(mm, addr, ptep);

    /// <summary>nr = 1: unfold if NAPOT, then clear. nr &gt; 1: unfold the partially covered end ranges, then clear; the result is the first entry's view with the batch's A/D.</summary>
    /// <remarks>Kernel: get_and_clear_full_ptes() → contpte_get_and_clear_full_ptes() (modelled)</remarks>
    [KernelHelper("contpte_get_and_clear_full_ptes")]
    protected override Pte GetAndClearFullPtesCore(IMmContext mm, ulong addr, PtePointer ptep, int nr, bool full) =>
        Blocks.GetAndClearFullPtes(mm, addr, ptep, nr);

    /// <summary>nr = 1: unfold if NAPOT, then clear. nr &gt; 1: unfold the partially covered end ranges, then clear.</summary>
    /// <remarks>Kernel: clear_full_ptes() → contpte_clear_full_ptes() (modelled)</remarks>
    [KernelHelper("contpte_clear_full_ptes")]
    protected override void ClearFullPtesCore(IMmContext mm, ulong addr, PtePointer ptep, int nr, bool full) =>
        Blocks.ClearFullPtes(mm, addr, ptep, nr);

    /// <summary>Plain: riscv's atomic test-and-clear. NAPOT: clears A on the whole range (no unfold) and returns the OR.</summary>
    /// <remarks>Kernel: ptep_test_and_clear_young() → contpte_ptep_test_and_clear_young() (modelled)</remarks>
    [KernelHelper("contpte_ptep_test_and_clear_young")]
    protected override bool PtepTestAndClearYoungCore(IMmContext vma, ulong addr, PtePointer ptep) => Blocks.PtepTestAndClearYoung(ptep);

    /// <summary>The same as <see cref="PtepTestAndClearYoungCore"/>, with no TLB flush, as riscv does for single entries.</summary>
    /// <remarks>Kernel: ptep_clear_flush_young() (riscv: no flush) → contpte_ptep_clear_flush_young() (modelled)</remarks>
    [KernelHelper("contpte_ptep_clear_flush_young")]
    protected override bool PtepClearFlushYoungCore(IMmContext vma, ulong addr, PtePointer ptep) => Blocks.PtepTestAndClearYoung(ptep);

    /// <summary><see cref="WrprotectPtesCore"/> with nr = 1: unfold the range if NAPOT, then clear W on the one entry.</summary>
    /// <remarks>Kernel: ptep_set_wrprotect() → wrprotect_ptes(mm, addr, ptep, 1) (modelled)</remarks>
    [KernelHelper("ptep_set_wrprotect")]
    protected override void PtepSetWrprotectCore(IMmContext mm, ulong addr, PtePointer ptep) => Blocks.WrprotectPtes(mm, addr, ptep, 1);

    /// <summary>nr = 1: unfold if NAPOT, then clear W. nr &gt; 1: unfold the partially covered end ranges, then clear W everywhere; fully covered ranges stay NAPOT.</summary>
    /// <remarks>Kernel: wrprotect_ptes() → contpte_wrprotect_ptes() (modelled; the series' "riscv: batch write-protect contiguous PTE ranges")</remarks>
    [KernelHelper("contpte_wrprotect_ptes")]
    protected override void WrprotectPtesCore(IMmContext mm, ulong addr, PtePointer ptep, int nr) => Blocks.WrprotectPtes(mm, addr, ptep, nr);

    /// <summary>
    /// Plain: riscv's store-if-different. NAPOT: if W is unchanged, every entry of the range whose value differs becomes
    /// the NAPOT encoding of <paramref name="entry"/> plus the A/D it already has (one compare-and-exchange each, checked
    /// entry by entry, so an entry the hart reads with A or D clear is fixed even when the gathered view shows them);
    /// if W changes, unfold and update the one entry. Always true, so update_mmu_cache() runs.
    /// </summary>
    /// <remarks>Kernel: ptep_set_access_flags() → contpte_ptep_set_access_flags() (modelled, riscv's return value)</remarks>
    [KernelHelper("contpte_ptep_set_access_flags")]
    protected override bool PtepSetAccessFlagsCore(IMmContext vma, ulong addr, PtePointer ptep, Pte entry, bool dirty) =>
        Blocks.PtepSetAccessFlags(vma, addr, ptep, entry, dirty, rewrite: true);

    /// <summary>nr = 1 on a plain entry: the single clear. Otherwise the range is widened to whole NAPOT ranges at each end and cleared: no fold, no unfold, no flush.</summary>
    /// <remarks>Kernel: clear_young_dirty_ptes() → contpte_clear_young_dirty_ptes() (modelled; the series' range clears)</remarks>
    [KernelHelper("contpte_clear_young_dirty_ptes")]
    protected override void ClearYoungDirtyPtesCore(IMmContext vma, ulong addr, PtePointer ptep, int nr, CydpFlags flags) =>
        Blocks.ClearYoungDirtyPtes(addr, ptep, nr, flags);

    /// <summary><see cref="ClearYoungDirtyPtesCore"/> with both flags.</summary>
    /// <remarks>Kernel: mkold_clean_ptes() → contpte_mkold_clean_ptes() (the lazyfree v4 helper, in the reviewed shape; modelled)</remarks>
    [KernelHelper("contpte_mkold_clean_ptes")]
    protected override void MkoldCleanPtesCore(IMmContext vma, ulong addr, PtePointer ptep, int nr) =>
        Blocks.ClearYoungDirtyPtes(addr, ptep, nr, CydpFlags.Young | CydpFlags.Dirty);

    /// <summary>For an entry whose raw value is NAPOT, the entries left in its range from <paramref name="ptep"/> on; otherwise 1. Reads the raw entry: core mm's value never carries N.</summary>
    /// <remarks>Kernel: pte_batch_hint() (from __ptep_get(ptep); the series' "riscv: add Svnapot-aware pte_batch_hint support")</remarks>
    [KernelHelper("pte_batch_hint")]
    protected override int PteBatchHintCore(PtePointer ptep, Pte pte) => Blocks.PteBatchHint(ptep, pte);
}
