using ArchPgtable.Generic;

namespace ArchPgtable.Arm64;

/// <summary>
/// arm64 PMD helpers: a leaf PMD is a level-2 block descriptor (bits[1:0] = 01, PMD_TABLE_BIT clear) with the page
/// descriptor's attribute bits (AF, DBM, AP[2] as PTE_RDONLY, the software PTE_DIRTY); the helpers are the raw
/// <c>__ptep_*</c> ones applied to the PMD (atomic, so a concurrent hardware AF/dirty update is never lost).
/// Block sizes: 2M (4K granule), 32M (16K), 512M (64K).
/// </summary>
/// <remarks>Kernel: arch/arm64/include/asm/pgtable.h (pmd_mkhuge, pmd_mkinvalid, pmdp_test_and_clear_young, pmdp_set_wrprotect,
/// pmdp_huge_get_and_clear, pmdp_establish) and pmdp_set_access_flags → __ptep_set_access_flags (arch/arm64/mm/fault.c).</remarks>
internal sealed class Arm64PmdOps(Arm64PteFormat format, ArchGeometry geometry) : GenericPmdOps(format, geometry.PmdSize, geometry.PageShift)
{
    /// <inheritdoc />
    public override bool Present(Pmd pmd) => Format.Present(pmd.AsPte);

    /// <summary>Present and not a table descriptor.</summary>
    /// <remarks>Kernel: pmd_leaf() = pmd_present() &amp;&amp; !pmd_table()</remarks>
    public override bool Leaf(Pmd pmd) => Present(pmd) && (pmd.Value & Arm64PteBits.PTE_TYPE_MASK) != Arm64PteBits.PTE_TYPE_PAGE;

    /// <inheritdoc />
    /// <remarks>Kernel: pmd_valid() (PMD_SECT_VALID)</remarks>
    public override bool Valid(Pmd pmd) => (pmd.Value & Arm64PteBits.PTE_VALID) != 0;

    /// <inheritdoc />
    /// <remarks>Kernel: pmd_mkhuge() — clears PMD_TABLE_BIT</remarks>
    public override Pmd MkHuge(Pmd pmd) => new(pmd.Value & ~Arm64PteBits.PTE_TABLE_BIT);

    /// <inheritdoc />
    /// <remarks>Kernel: pmd_mkinvalid() — sets PTE_PRESENT_INVALID, clears PMD_SECT_VALID</remarks>
    public override Pmd MkInvalid(Pmd pmd) => new((pmd.Value | Arm64PteBits.PTE_PRESENT_INVALID) & ~Arm64PteBits.PTE_VALID);

    /// <inheritdoc />
    [KernelHelper("pmdp_test_and_clear_young")]
    protected override bool PmdpTestAndClearYoungCore(IMmContext mm, ulong addr, PtePointer pmdp) => Arm64RawPtes.PtepTestAndClearYoung(pmdp);

    /// <inheritdoc />
    /// <remarks>Kernel: pmdp_set_access_flags() → __ptep_set_access_flags() on the PMD; the model's local flush after a dirtying fault covers the whole block.</remarks>
    [KernelHelper("__ptep_set_access_flags")]
    protected override bool PmdpSetAccessFlagsCore(IMmContext mm, ulong addr, PtePointer pmdp, Pmd entry, bool dirty) =>
        Arm64RawPtes.PtepSetAccessFlags(mm, addr, pmdp, entry.AsPte, dirty, geometry.PmdSize);

    /// <inheritdoc />
    [KernelHelper("pmdp_huge_get_and_clear")]
    protected override Pmd PmdpHugeGetAndClearCore(IMmContext mm, ulong addr, PtePointer pmdp) => Pmd.FromPte(Arm64RawPtes.PtepGetAndClear(pmdp));

    /// <inheritdoc />
    [KernelHelper("pmdp_set_wrprotect")]
    protected override void PmdpSetWrprotectCore(IMmContext mm, ulong addr, PtePointer pmdp) => Arm64RawPtes.PtepSetWrprotect(pmdp);

    /// <summary>pmdp_establish is an atomic exchange on arm64, so the invalidation cannot lose a racing hardware update.</summary>
    /// <remarks>Kernel: pmdp_invalidate() → pmdp_establish() (xchg_relaxed) + flush_pmd_tlb_range()</remarks>
    [KernelHelper("pmdp_establish")]
    protected override Pmd PmdpInvalidateCore(IMmContext mm, ulong addr, PtePointer pmdp)
    {
        var old = UpdateAtomically(pmdp, MkInvalid);
        FlushPmdTlbRange(mm, addr);
        return old;
    }

    /// <summary>A valid block descriptor evaluated as a page descriptor (PTE_TABLE_BIT set); an invalid one unchanged.</summary>
    public override Pte HardwareView(Pmd pmd) => Valid(pmd) ? new Pte(pmd.Value | Arm64PteBits.PTE_TABLE_BIT) : pmd.AsPte;

    /// <summary>Back to the block encoding (PTE_TABLE_BIT clear).</summary>
    public override Pmd FromHardwareView(Pte descriptor) => MkHuge(Pmd.FromPte(descriptor));
}
