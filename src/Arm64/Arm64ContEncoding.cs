using ArchPgtable.Generic.Contiguous;

namespace ArchPgtable.Arm64;

/// <summary>
/// arm64's hooks for the contiguous-block layer: PTE_CONT in every entry of a block, each entry mapping its own PFN;
/// ptep_get() keeps PTE_CONT visible; the gather exits early (mainline); the raw tier is <see cref="Arm64RawPtes"/>.
/// </summary>
/// <param name="format">The granule's descriptor encoding (its PFN field).</param>
/// <remarks>Kernel: pte_cont()/pte_valid_cont()/pte_mkcont()/pte_mknoncont() and the __ptep_*() helpers of arch/arm64/include/asm/pgtable.h</remarks>
public readonly struct Arm64ContEncoding(Arm64PteFormat format) : IContiguousEncoding
{
    private readonly ulong _pageSize = 1UL << format.PageShift;

    /// <inheritdoc/>
    public bool ViewShowsBlock => true;

    /// <inheritdoc/>
    public bool GatherEarlyExit => true;

    /// <inheritdoc/>
    public ulong AccessFlagsMask => Arm64PteBits.PTE_RDONLY | Arm64PteBits.PTE_AF | Arm64PteBits.PTE_WRITE | Arm64PteBits.PTE_DIRTY;

    /// <inheritdoc/>
    public bool IsBlock(Pte raw) => Arm64Pte.ValidCont(raw);

    /// <inheritdoc/>
    public bool HasBlockBit(Pte raw) => Arm64Pte.Cont(raw);

    /// <inheritdoc/>
    public bool CanEncode(Pte plain) => true;

    /// <inheritdoc/>
    public Pte EncodeBlock(Pte plainFirst) => Arm64Pte.MkCont(plainFirst);

    /// <inheritdoc/>
    public Pte Sibling(Pte raw, int delta) => format.AdvancePfn(raw, delta);

    /// <inheritdoc/>
    public Pte View(Pte raw, int offset) => raw;

    /// <inheritdoc/>
    public Pte Plain(Pte raw, int offset) => Arm64Pte.MkNonCont(raw);

    /// <inheritdoc/>
    public bool Valid(Pte pte) => Arm64Pte.Valid(pte);

    /// <inheritdoc/>
    public bool Special(Pte pte) => Arm64Pte.Special(pte);

    /// <inheritdoc/>
    public bool Young(Pte pte) => Arm64Pte.Young(pte);

    /// <inheritdoc/>
    public bool Dirty(Pte pte) => Arm64Pte.Dirty(pte);

    /// <inheritdoc/>
    public bool Write(Pte pte) => Arm64Pte.Write(pte);

    /// <inheritdoc/>
    public Pte MkYoung(Pte pte) => Arm64Pte.MkYoung(pte);

    /// <inheritdoc/>
    public Pte MkDirty(Pte pte) => Arm64Pte.MkDirty(pte);

    /// <inheritdoc/>
    public Pte MkOld(Pte pte) => Arm64Pte.MkOld(pte);

    /// <inheritdoc/>
    public Pte MkClean(Pte pte) => Arm64Pte.MkClean(pte);

    /// <inheritdoc/>
    public ulong Pfn(Pte pte) => format.Pfn(pte);

    /// <inheritdoc/>
    public PteProt Pgprot(Pte pte) => format.Pgprot(pte);

    /// <inheritdoc/>
    public Pte PfnPte(ulong pfn, PteProt prot) => format.PfnPte(pfn, prot);

    /// <inheritdoc/>
    public Pte AdvancePfn(Pte pte, int nr) => format.AdvancePfn(pte, nr);

    /// <inheritdoc/>
    public void RawSetPtes(PtePointer ptep, Pte pte, int nr) => Arm64RawPtes.SetPtes(format, ptep, pte, nr);

    /// <inheritdoc/>
    public bool RawTestAndClearYoung(PtePointer ptep) => Arm64RawPtes.PtepTestAndClearYoung(ptep);

    /// <inheritdoc/>
    public bool RawClearFlushYoung(IMmContext vma, ulong addr, PtePointer ptep) => Arm64RawPtes.PtepClearFlushYoung(vma, addr, ptep);

    /// <inheritdoc/>
    public void RawSetWrprotect(PtePointer ptep) => Arm64RawPtes.PtepSetWrprotect(ptep);

    /// <inheritdoc/>
    public bool RawSetAccessFlags(IMmContext vma, ulong addr, PtePointer ptep, Pte entry, bool dirty) =>
        Arm64RawPtes.PtepSetAccessFlags(vma, addr, ptep, entry, dirty, _pageSize);

    /// <inheritdoc/>
    public void RawClearYoungDirtyPtes(PtePointer ptep, int nr, CydpFlags flags) => Arm64RawPtes.ClearYoungDirtyPtes(ptep, nr, flags);
}
