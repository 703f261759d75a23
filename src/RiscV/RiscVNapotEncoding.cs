using ArchPgtable.Generic.Contiguous;
using static ArchPgtable.RiscV.RiscVPteBits;

namespace ArchPgtable.RiscV;

/// <summary>
/// riscv's hooks for the contiguous-block layer: a 64 KiB Svnapot range is 16 copies of one NAPOT value (ppn[3:0] =
/// 1000b, N set); core mm sees entry i as a plain entry for base + i (the series' raw/public split); the gather reads
/// all 16 entries (no early exit); the raw tier is riscv's upstream single-entry helpers (<see cref="RiscVRawPtes"/>),
/// so young-clearing never flushes.
/// </summary>
/// <remarks>Kernel: pte_napot()/pte_mknapot() (arch/riscv/include/asm/pgtable.h) and the raw __ptep_*() tier of the 2026
/// series "riscv: add Svnapot-based contiguous PTE support" (proposal, not upstream).</remarks>
public readonly struct RiscVNapotEncoding : IContiguousEncoding
{
    /// <inheritdoc/>
    public bool ViewShowsBlock => false;

    /// <inheritdoc/>
    public bool GatherEarlyExit => false;

    /// <summary>Unused: riscv rewrites the whole range (<c>RewriteAccessFlagsBlock</c>) instead of comparing sub-entries.</summary>
    public ulong AccessFlagsMask => _PAGE_ACCESSED | _PAGE_DIRTY | _PAGE_WRITE;

    /// <inheritdoc/>
    public bool IsBlock(Pte raw) => RiscVPte.ValidNapot(raw);

    /// <inheritdoc/>
    public bool HasBlockBit(Pte raw) => RiscVPte.Napot(raw);

    /// <inheritdoc/>
    public bool CanEncode(Pte plain) => RiscVPte.Valid(plain);

    /// <inheritdoc/>
    public Pte EncodeBlock(Pte plainFirst) =>
        RiscVPte.MkNapot(PfnPte(RiscVPte.Pfn(plainFirst) & ~(ulong)(NapotPtes - 1), Pgprot(plainFirst)));

    /// <inheritdoc/>
    public Pte Sibling(Pte raw, int delta) => raw;

    /// <inheritdoc/>
    public Pte View(Pte raw, int offset) =>
        RiscVPte.ValidNapot(raw) ? PfnPte(RiscVPte.Pfn(raw) + (ulong)offset, new PteProt(Pgprot(raw).Value & ~_PAGE_NAPOT)) : raw;

    /// <inheritdoc/>
    public Pte Plain(Pte raw, int offset) => View(raw, offset);

    /// <inheritdoc/>
    public bool Valid(Pte pte) => RiscVPte.Valid(pte);

    /// <inheritdoc/>
    public bool Special(Pte pte) => RiscVPte.Special(pte);

    /// <inheritdoc/>
    public bool Young(Pte pte) => RiscVPte.Young(pte);

    /// <inheritdoc/>
    public bool Dirty(Pte pte) => RiscVPte.Dirty(pte);

    /// <inheritdoc/>
    public bool Write(Pte pte) => RiscVPte.Write(pte);

    /// <inheritdoc/>
    public Pte MkYoung(Pte pte) => RiscVPte.MkYoung(pte);

    /// <inheritdoc/>
    public Pte MkDirty(Pte pte) => RiscVPte.MkDirty(pte);

    /// <inheritdoc/>
    public Pte MkOld(Pte pte) => RiscVPte.MkOld(pte);

    /// <inheritdoc/>
    public Pte MkClean(Pte pte) => RiscVPte.MkClean(pte);

    /// <inheritdoc/>
    public ulong Pfn(Pte pte) => RiscVPte.Pfn(pte);

    /// <inheritdoc/>
    public PteProt Pgprot(Pte pte) => RiscVPteFormat.Instance.Pgprot(pte);

    /// <inheritdoc/>
    public Pte PfnPte(ulong pfn, PteProt prot) => RiscVPteFormat.Instance.PfnPte(pfn, prot);

    /// <inheritdoc/>
    public Pte AdvancePfn(Pte pte, int nr) => RiscVPteFormat.Instance.AdvancePfn(pte, nr);

    /// <inheritdoc/>
    public void RawSetPtes(PtePointer ptep, Pte pte, int nr) => RiscVRawPtes.SetPtes(ptep, pte, nr);

    /// <inheritdoc/>
    public bool RawTestAndClearYoung(PtePointer ptep) => RiscVRawPtes.PtepTestAndClearYoung(ptep);

    /// <inheritdoc/>
    public bool RawClearFlushYoung(IMmContext vma, ulong addr, PtePointer ptep) => RiscVRawPtes.PtepTestAndClearYoung(ptep);

    /// <inheritdoc/>
    public void RawSetWrprotect(PtePointer ptep) => RiscVRawPtes.PtepSetWrprotect(ptep);

    /// <inheritdoc/>
    public bool RawSetAccessFlags(IMmContext vma, ulong addr, PtePointer ptep, Pte entry, bool dirty) => RiscVRawPtes.PtepSetAccessFlags(ptep, entry);

    /// <inheritdoc/>
    public void RawClearYoungDirtyPtes(PtePointer ptep, int nr, CydpFlags flags) => RiscVRawPtes.ClearYoungDirtyPtes(ptep, nr, flags);
}
