using static ArchPgtable.RiscV.RiscVPteBits;

namespace ArchPgtable.RiscV;

/// <summary>
/// The NAPOT engine of the contpte-style layer: fold and unfold through one break-before-make
/// repaint, the partial-unfold rule for batch ranges, the A/D gather, and the conversion from a
/// raw NAPOT entry to the value core mm sees. A NAPOT range is a naturally aligned group of 16
/// entries in one table whose VA and PA are 64 KiB-aligned; in memory all 16 hold the same
/// value (ppn[3:0] = 1000b, N set), as the Svnapot spec requires, while core mm sees entry i as
/// a plain entry mapping base + i with the range's A/D gathered.
/// </summary>
/// <remarks>Kernel: none upstream. Modelled on arm64's arch/arm64/mm/contpte.c (≈v6.10–6.15) with riscv's NAPOT encoding and hugetlb A/D gathering (arch/riscv/mm/hugetlbpage.c), as the unmerged riscv contpte RFC proposes.</remarks>
internal static partial class Napot
{
    /// <summary>Bytes mapped by a NAPOT range (64 KiB).</summary>
    private const ulong Size = (ulong)NapotPtes << PageShift;

    private const int PageShift = 12;

    private const ulong PageSize = 1UL << PageShift;

    private static readonly RiscVPteFormat Format = RiscVPteFormat.Instance;

    /// <summary>
    /// The core-mm view of raw entry <paramref name="raw"/> at table index <paramref name="index"/>:
    /// for a valid NAPOT entry, a plain entry (N clear) mapping base + (index mod 16) with the
    /// same attributes and A/D; any other entry unchanged.
    /// </summary>
    /// <remarks>Kernel: none upstream (the RFC's ptep_get() reports the page's own PFN)</remarks>
    public static Pte View(Pte raw, int index)
    {
        if (!RiscVPte.ValidNapot(raw))
        {
            return raw;
        }

        var prot = new PteProt(Format.Pgprot(raw).Value & ~_PAGE_NAPOT);
        return Format.PfnPte(RiscVPte.Pfn(raw) + (ulong)(index & (NapotPtes - 1)), prot);
    }

    /// <summary>The raw NAPOT value for the range whose pages <paramref name="pte"/> (a plain entry for any page of it) maps.</summary>
    /// <remarks>Kernel: pte_mknapot(pfn_pte(base, pte_pgprot(pte)), NAPOT_CONT64KB_ORDER)</remarks>
    public static Pte Encode(Pte pte) =>
        RiscVPte.MkNapot(Format.PfnPte(Format.Pfn(pte) & ~(ulong)(NapotPtes - 1), Format.Pgprot(pte)));

    /// <summary>Kernel: ALIGN_DOWN(addr, NAPOT size)</summary>
    private static ulong BlockStart(ulong addr) => addr & ~(Size - 1);

    /// <summary>Kernel: pte_mkold(pte_mkclean(pte)) — the A/D-normalised form compared by fold and the lockless gather.</summary>
    private static Pte Normalise(Pte pte) => RiscVPte.MkOld(RiscVPte.MkClean(pte));

    /// <summary>
    /// Break-before-make repaint of the range containing <paramref name="ptep"/> with the
    /// attributes of <paramref name="pte"/> (a plain entry): exchange every entry with 0
    /// gathering A/D, synchronously flush the range (the spec asks invalidate, SFENCE.VMA, then
    /// write), then write all 16 entries — as one NAPOT value when folding, as 16 plain entries
    /// base + i when unfolding — with the gathered A/D in every one.
    /// </summary>
    /// <remarks>Kernel: contpte_convert() (arm64) with riscv's NAPOT encoding; riscv hugetlb's clear_flush() + set_huge_pte_at()</remarks>
    public static void Convert(IMmContext mm, ulong addr, PtePointer ptep, Pte pte, bool fold)
    {
        var start = BlockStart(addr);
        var first = ptep.AlignDown(NapotPtes);
        pte = Format.PfnPte(Format.Pfn(pte) & ~(ulong)(NapotPtes - 1), Format.Pgprot(pte));
        var table = first.Table;
        for (int i = first.Index, end = first.Index + NapotPtes; i < end; i++)
        {
            var old = table.Exchange(i, Pte.None);
            if (RiscVPte.Dirty(old))
            {
                pte = RiscVPte.MkDirty(pte);
            }

            if (RiscVPte.Young(old))
            {
                pte = RiscVPte.MkYoung(pte);
            }
        }

        mm.Tlb.FlushRange(start, start + Size, PageSize, lastLevel: true, sync: true);
        if (fold)
        {
            WriteNapot(first, RiscVPte.MkNapot(pte));
            mm.Counters.Fold(start, NapotPtes);
        }
        else
        {
            RiscVRawPtes.SetPtes(first, pte, NapotPtes);
            mm.Counters.Unfold(start, NapotPtes);
        }
    }

    /// <summary>Unfolds the range of <paramref name="ptep"/> (raw value <paramref name="raw"/>) if it is a valid NAPOT entry of a user mm.</summary>
    /// <remarks>Kernel: contpte_try_unfold() (arm64)</remarks>
    public static void TryUnfold(IMmContext mm, ulong addr, PtePointer ptep, Pte raw)
    {
        if (RiscVPte.ValidNapot(raw) && mm.IsUserMm)
        {
            Convert(mm, addr, ptep, View(raw, ptep.Index), fold: false);
        }
    }

    /// <summary>Unfolds only the ranges a batch of <paramref name="nr"/> entries covers partially (its first and last); fully covered ranges stay NAPOT.</summary>
    /// <remarks>Kernel: contpte_try_unfold_partial() (arm64)</remarks>
    public static void TryUnfoldPartial(IMmContext mm, ulong addr, PtePointer ptep, int nr)
    {
        const int Mask = NapotPtes - 1;
        if ((ptep.Index & Mask) != 0 || nr < NapotPtes)
        {
            TryUnfold(mm, addr, ptep, ptep.Read());
        }

        if (((ptep.Index + nr) & Mask) != 0)
        {
            var last = ptep + (nr - 1);
            TryUnfold(mm, addr + ((ulong)(nr - 1) << PageShift), last, last.Read());
        }
    }

    /// <summary>
    /// The cheap filter run after every single-entry set: only the last entry of a range,
    /// mapping the last PFN of a 64 KiB-aligned range, valid, not NAPOT and not special, is a
    /// fold candidate (core mm fills ranges upwards).
    /// </summary>
    /// <remarks>Kernel: contpte_try_fold() (arm64)</remarks>
    public static void TryFold(IMmContext mm, ulong addr, PtePointer ptep, Pte pte)
    {
        const ulong Mask = NapotPtes - 1;
        if (((addr >> PageShift) & Mask) != Mask || (Format.Pfn(pte) & Mask) != Mask)
        {
            return;
        }

        if (RiscVPte.Valid(pte) && !RiscVPte.Napot(pte) && !RiscVPte.Special(pte))
        {
            TryFoldCore(mm, addr, ptep, pte);
        }
    }

    /// <summary>Folds the range if the mm is a user mm, one folio covers it, and every entry is pfn_pte(base + i, prot) once A/D are normalised away.</summary>
    /// <remarks>Kernel: __contpte_try_fold() (arm64)</remarks>
    private static void TryFoldCore(IMmContext mm, ulong addr, PtePointer ptep, Pte pte)
    {
        var pfn = Format.Pfn(pte);
        if (!mm.IsUserMm || !mm.TryGetFolio(pfn, out var folio) || !folio.Contains(pfn))
        {
            return;
        }

        var folioStart = addr - ((pfn - folio.StartPfn) << PageShift);
        var folioEnd = folioStart + ((ulong)folio.NrPages << PageShift);
        var start = BlockStart(addr);
        if (folioStart > start || folioEnd < start + Size)
        {
            return;
        }

        var expected = Format.PfnPte(pfn & ~(ulong)(NapotPtes - 1), Format.Pgprot(Normalise(pte)));
        var first = ptep.AlignDown(NapotPtes);
        for (int i = first.Index, end = first.Index + NapotPtes; i < end; i++)
        {
            if (Normalise(first.Table.Read(i)) != expected)
            {
                return;
            }

            expected = Format.AdvancePfn(expected, 1);
        }

        Convert(mm, addr, ptep, pte, fold: true);
    }

    /// <summary>Writes one NAPOT value into the 16 entries from <paramref name="first"/>.</summary>
    /// <remarks>Kernel: the loop of set_huge_pte_at() for a NAPOT size (riscv hugetlb)</remarks>
    private static void WriteNapot(PtePointer first, Pte raw)
    {
        for (int i = first.Index, end = first.Index + NapotPtes; i < end; i++)
        {
            first.Table.Write(i, raw);
        }
    }
}
