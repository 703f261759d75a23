using ArchPgtable.Generic;
using static ArchPgtable.RiscV.RiscVPteBits;

namespace ArchPgtable.RiscV;

/// <summary>
/// riscv64 PMD helpers: a leaf PMD is any valid entry with R, W or X set (pmd_mkhuge changes nothing); the helpers are the
/// PTE ones on the PMD: atomic A and W clears, xchg get-and-clear and establish, and <c>ptep_set_access_flags</c>, which
/// always reports a change and writes the entry with a plain store (as upstream; with Svadu a racing hardware dirty
/// update can be lost — the finding the PTE-level contract already declares).
/// </summary>
/// <remarks>Kernel: arch/riscv/include/asm/pgtable.h (pmd_present, pmd_leaf, pmd_mkhuge, pmd_mkinvalid, pmdp_* → ptep_*)
/// and arch/riscv/mm/pgtable.c (ptep_set_access_flags, ptep_test_and_clear_young).</remarks>
internal sealed class RiscVPmdOps(RiscVPteFormat format, ArchGeometry geometry) : GenericPmdOps(format, geometry.PmdSize, geometry.PageShift)
{
    /// <inheritdoc />
    /// <remarks>Kernel: pmd_present() — _PAGE_PRESENT | _PAGE_PROT_NONE | _PAGE_LEAF</remarks>
    public override bool Present(Pmd pmd) => (pmd.Value & (_PAGE_PRESENT | _PAGE_PROT_NONE | _PAGE_LEAF)) != 0;

    /// <inheritdoc />
    /// <remarks>Kernel: pmd_leaf() — present with R/W/X</remarks>
    public override bool Leaf(Pmd pmd) => Present(pmd) && (pmd.Value & _PAGE_LEAF) != 0;

    /// <inheritdoc />
    public override bool Valid(Pmd pmd) => (pmd.Value & _PAGE_PRESENT) != 0;

    /// <inheritdoc />
    /// <remarks>Kernel: pmd_mkhuge() — the identity on riscv</remarks>
    public override Pmd MkHuge(Pmd pmd) => pmd;

    /// <inheritdoc />
    /// <remarks>Kernel: pmd_mkinvalid() — clears _PAGE_PRESENT | _PAGE_PROT_NONE</remarks>
    public override Pmd MkInvalid(Pmd pmd) => new(pmd.Value & ~(_PAGE_PRESENT | _PAGE_PROT_NONE));

    /// <inheritdoc />
    [KernelHelper("ptep_test_and_clear_young")]
    protected override bool PmdpTestAndClearYoungCore(IMmContext mm, ulong addr, PtePointer pmdp) =>
        Young(UpdateAtomically(pmdp, p => new Pmd(p.Value & ~_PAGE_ACCESSED)));

    /// <summary>Writes the entry when it differs and always returns true (so the caller's update_mmu_cache runs).</summary>
    [KernelHelper("ptep_set_access_flags")]
    protected override bool PmdpSetAccessFlagsCore(IMmContext mm, ulong addr, PtePointer pmdp, Pmd entry, bool dirty)
    {
        if (PmdpGet(pmdp) != entry)
        {
            pmdp.Write(entry.AsPte);
        }

        return true;
    }

    /// <inheritdoc />
    [KernelHelper("ptep_get_and_clear")]
    protected override Pmd PmdpHugeGetAndClearCore(IMmContext mm, ulong addr, PtePointer pmdp) => Pmd.FromPte(pmdp.Exchange(Pte.None));

    /// <inheritdoc />
    [KernelHelper("ptep_set_wrprotect")]
    protected override void PmdpSetWrprotectCore(IMmContext mm, ulong addr, PtePointer pmdp) =>
        UpdateAtomically(pmdp, p => new Pmd(p.Value & ~_PAGE_WRITE));

    /// <inheritdoc />
    [KernelHelper("pmdp_establish")]
    protected override Pmd PmdpInvalidateCore(IMmContext mm, ulong addr, PtePointer pmdp)
    {
        var old = UpdateAtomically(pmdp, MkInvalid);
        FlushPmdTlbRange(mm, addr);
        return old;
    }
}
