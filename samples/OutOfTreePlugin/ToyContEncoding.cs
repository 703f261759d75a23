using ArchPgtable;
using ArchPgtable.Generic.Contiguous;
using static ToyArch.ToyPteBits;

namespace ToyArch;

/// <summary>
/// The toy's contiguous encoding, all the Generic contiguous-block layer needs: <see cref="Cont"/> in every entry of a
/// block, each entry keeping its own PFN (arm64's shape), and the toy's raw single-entry tier. The layer does the rest
/// (fold, unfold, gather, batch helpers). <paramref name="forgetStrip"/> is the sample's known-bad switch: an unfold that
/// forgets to clear <see cref="Cont"/>, which <c>verify</c> catches.
/// </summary>
/// <remarks>Kernel: what arch/toy would define for a generic mm/contpte.c: pte_cont(), pte_mkcont(), pte_mknoncont() and its __ptep_*() helpers.</remarks>
internal readonly struct ToyContEncoding(bool forgetStrip = false) : IContiguousEncoding
{
    private static readonly ToyPteFormat F = ToyPteFormat.Instance;

    // The block encoding.
    public bool IsBlock(Pte raw) => (raw.Value & (ToyPteBits.Valid | Cont)) == (ToyPteBits.Valid | Cont);

    public bool HasBlockBit(Pte raw) => (raw.Value & Cont) != 0;

    public Pte EncodeBlock(Pte plainFirst) => new(plainFirst.Value | Cont);

    public Pte Plain(Pte raw, int offset) => forgetStrip ? raw : new(raw.Value & ~Cont);

    public Pte Sibling(Pte raw, int delta) => F.AdvancePfn(raw, delta);

    public Pte View(Pte raw, int offset) => raw;

    public bool ViewShowsBlock => true;

    public bool GatherEarlyExit => true;

    public bool CanEncode(Pte plain) => true;

    public ulong AccessFlagsMask => ToyPteBits.Young | ToyPteBits.Dirty | ToyPteBits.Write;

    // The pte_*() accessors.
    public bool Valid(Pte pte) => F.Present(pte);

    public bool Special(Pte pte) => false;

    public bool Young(Pte pte) => F.Young(pte);

    public bool Dirty(Pte pte) => F.Dirty(pte);

    public bool Write(Pte pte) => F.Write(pte);

    public Pte MkYoung(Pte pte) => F.MkYoung(pte);

    public Pte MkDirty(Pte pte) => F.MkDirty(pte);

    public Pte MkOld(Pte pte) => F.MkOld(pte);

    public Pte MkClean(Pte pte) => F.MkClean(pte);

    public ulong Pfn(Pte pte) => F.Pfn(pte);

    public PteProt Pgprot(Pte pte) => F.Pgprot(pte);

    public Pte PfnPte(ulong pfn, PteProt prot) => F.PfnPte(pfn, prot);

    public Pte AdvancePfn(Pte pte, int nr) => F.AdvancePfn(pte, nr);

    // The raw tier: single entries, atomic against the MMU's YOUNG update.
    public void RawSetPtes(PtePointer ptep, Pte pte, int nr)
    {
        for (var i = 0; i < nr; i++, pte = F.AdvancePfn(pte, 1))
        {
            (ptep + i).Write(pte);
        }
    }

    public bool RawTestAndClearYoung(PtePointer ptep) => F.Young(Update(ptep, ToyPteBits.Young, 0));

    public bool RawClearFlushYoung(IMmContext vma, ulong addr, PtePointer ptep)
    {
        var young = RawTestAndClearYoung(ptep);
        if (young)
        {
            vma.Tlb.FlushPage(addr);
        }

        return young;
    }

    public void RawSetWrprotect(PtePointer ptep) => Update(ptep, ToyPteBits.Write, 0);

    public bool RawSetAccessFlags(IMmContext vma, ulong addr, PtePointer ptep, Pte entry, bool dirty)
    {
        if (ptep.Read() == entry)
        {
            return false;
        }

        Update(ptep, 0, entry.Value & (ToyPteBits.Young | ToyPteBits.Dirty | ToyPteBits.Write));
        vma.Tlb.FlushPage(addr);
        return true;
    }

    public void RawClearYoungDirtyPtes(PtePointer ptep, int nr, CydpFlags flags)
    {
        var clear = ((flags & CydpFlags.Young) != 0 ? ToyPteBits.Young : 0) | ((flags & CydpFlags.Dirty) != 0 ? ToyPteBits.Dirty : 0);
        for (var i = 0; i < nr; i++)
        {
            Update(ptep + i, clear, 0);
        }
    }

    /// <summary>Clears <paramref name="clear"/> and sets <paramref name="set"/> in one compare-and-exchange loop; returns the old value.</summary>
    private static Pte Update(PtePointer ptep, ulong clear, ulong set)
    {
        var pte = ptep.Read();
        for (; ; )
        {
            var found = ptep.CompareExchange(new Pte((pte.Value & ~clear) | set), pte);
            if (found == pte)
            {
                return pte;
            }

            pte = found;
        }
    }
}
