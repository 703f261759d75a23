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
/// so young-clearing still never flushes and ptep_set_access_flags still returns true. The helpers come
/// from the Generic contiguous-block layer (<see cref="ContiguousPageTableOps{TEncoding}"/> over riscv's hooks,
/// <see cref="RiscVNapotEncoding"/>), the shape the 2026 Svnapot series gives riscv (raw __ helpers, public
/// wrappers); riscv overrides only set_ptes (a NAPOT value is refused), ptep_clear_flush_young (no flush),
/// ptep_set_access_flags (the whole-range rewrite) and update_mmu_tlb_range.
/// </summary>
/// <remarks>Kernel: none upstream; modelled on arch/arm64/mm/contpte.c and the CONFIG_ARM64_CONTPTE inlines of arch/arm64/include/asm/pgtable.h.</remarks>
public sealed partial class RiscVNapotOps : ContiguousPageTableOps<RiscVNapotEncoding>
{
    /// <summary>Creates the helpers.</summary>
    /// <param name="mode">Sv39 or Sv48.</param>
    /// <param name="debugVm">Check entry-level batch preconditions (CONFIG_DEBUG_VM).</param>
    /// <remarks>Kernel: a riscv64 kernel with the (modelled) NAPOT layer, running in <paramref name="mode"/>.</remarks>
    public RiscVNapotOps(RiscVPagingMode mode, bool debugVm = true)
        : base(RiscVPteFormat.Instance, new ArchGeometry(12, (int)mode, RiscVPteBits.NapotPtes), default, debugVm, "NAPOT range")
    {
    }

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

    /// <summary>The same as ptep_test_and_clear_young(), with no TLB flush, as riscv does for single entries.</summary>
    /// <remarks>Kernel: ptep_clear_flush_young() (riscv: no flush) → contpte_ptep_clear_flush_young() (modelled)</remarks>
    [KernelHelper("contpte_ptep_clear_flush_young")]
    protected override bool PtepClearFlushYoungCore(IMmContext vma, ulong addr, PtePointer ptep) => Blocks.PtepTestAndClearYoung(ptep);

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
}
