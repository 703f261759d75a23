namespace ArchPgtable.Arm64;

/// <summary>
/// The contpte engine: fold and unfold through one break-before-make repaint, the partial-unfold
/// rule for batch ranges, the A/D gather, and the block-aware batch helpers the public layer
/// calls. Contiguous blocks are naturally aligned groups of CONT_PTES entries in one table whose
/// first entry's VA and PA are CONT_PTE_SIZE-aligned.
/// </summary>
/// <remarks>Kernel: arch/arm64/mm/contpte.c (≈v6.10–6.15) and the contpte_try_*() inlines of asm/pgtable.h.</remarks>
internal sealed partial class ContPte
{
    private readonly Arm64PteFormat _format;
    private readonly int _contPtes;
    private readonly int _pageShift;
    private readonly ulong _pageSize;
    private readonly ulong _contPteSize;

    private readonly bool _bbml2NoAbort;

    public ContPte(Arm64PteFormat format, ArchGeometry geometry, bool bbml2NoAbort = false)
    {
        _bbml2NoAbort = bbml2NoAbort;
        _format = format;
        _contPtes = geometry.ContPtes;
        _pageShift = geometry.PageShift;
        _pageSize = geometry.PageSize;
        _contPteSize = geometry.ContPteSize;
    }

    /// <summary>Kernel: ALIGN_DOWN(addr, CONT_PTE_SIZE)</summary>
    private ulong BlockStart(ulong addr) => addr & ~(_contPteSize - 1);

    /// <summary>
    /// Break-before-make repaint of the block containing <paramref name="ptep"/> with
    /// <paramref name="pte"/>'s attributes: exchange every entry to 0 gathering young/dirty,
    /// synchronously flush the block's range, then write the block from the aligned PFN with the
    /// gathered A/D smeared into every entry. A fold when <paramref name="pte"/> has PTE_CONT,
    /// an unfold otherwise. When every agent of the system has BBML2_NOABORT the intermediate
    /// flush is elided (mainline): a walker may then still hit an old entry until the caller's
    /// final flush, but never a mix of old and new (no conflict abort, no amalgamation).
    /// </summary>
    /// <remarks>Kernel: contpte_convert() (with the !system_supports_bbml2_noabort() condition on its __flush_tlb_range()).</remarks>
    public void Convert(IMmContext mm, ulong addr, PtePointer ptep, Pte pte)
    {
        var start = BlockStart(addr);
        var first = ptep.AlignDown(_contPtes);
        var pfn = _format.Pfn(pte) & ~(ulong)(_contPtes - 1);
        pte = _format.PfnPte(pfn, _format.Pgprot(pte));
        var table = first.Table;
        for (int i = first.Index, end = first.Index + _contPtes; i < end; i++)
        {
            var old = table.Exchange(i, Pte.None);
            if (Arm64Pte.Dirty(old))
            {
                pte = Arm64Pte.MkDirty(pte);
            }

            if (Arm64Pte.Young(old))
            {
                pte = Arm64Pte.MkYoung(pte);
            }
        }

        if (!_bbml2NoAbort)
        {
            mm.Tlb.FlushRange(start, start + _contPteSize, _pageSize, lastLevel: true, sync: true);
        }

        Arm64RawPtes.SetPtes(_format, first, pte, _contPtes);
        if (Arm64Pte.Cont(pte))
        {
            mm.Counters.Fold(start, _contPtes);
        }
        else
        {
            mm.Counters.Unfold(start, _contPtes);
        }
    }

    /// <summary>Unfolds the block of <paramref name="ptep"/> using <paramref name="pte"/>'s attributes, for user address spaces only.</summary>
    /// <remarks>Kernel: __contpte_try_unfold()</remarks>
    public void UnfoldCore(IMmContext mm, ulong addr, PtePointer ptep, Pte pte)
    {
        if (!mm.IsUserMm)
        {
            return;
        }

        Convert(mm, addr, ptep, Arm64Pte.MkNonCont(pte));
    }

    /// <summary>Unfolds the block of <paramref name="ptep"/> if <paramref name="pte"/> (its raw value) is valid and contiguous.</summary>
    /// <remarks>Kernel: contpte_try_unfold()</remarks>
    public void TryUnfold(IMmContext mm, ulong addr, PtePointer ptep, Pte pte)
    {
        if (Arm64Pte.ValidCont(pte))
        {
            UnfoldCore(mm, addr, ptep, pte);
        }
    }

    /// <summary>
    /// Unfolds only the blocks a batch of <paramref name="nr"/> entries covers partially: the
    /// first entry's block when the batch does not start on a block boundary or is shorter than
    /// a block, and the last entry's block when the batch does not end on a block boundary.
    /// Fully covered blocks keep PTE_CONT.
    /// </summary>
    /// <remarks>Kernel: contpte_try_unfold_partial()</remarks>
    public void TryUnfoldPartial(IMmContext mm, ulong addr, PtePointer ptep, int nr)
    {
        var mask = _contPtes - 1;
        if ((ptep.Index & mask) != 0 || nr < _contPtes)
        {
            TryUnfold(mm, addr, ptep, Arm64RawPtes.PtepGet(ptep));
        }

        if (((ptep.Index + nr) & mask) != 0)
        {
            var last = ptep + (nr - 1);
            TryUnfold(mm, addr + ((ulong)(nr - 1) << _pageShift), last, Arm64RawPtes.PtepGet(last));
        }
    }

    /// <summary>
    /// The cheap filter run after every single-entry set: only the last entry of a block, mapping
    /// the last PFN of a PA-aligned block, valid, not already contiguous and not special, is a
    /// fold candidate (core mm fills ranges upwards, so the last entry is the moment to fold).
    /// </summary>
    /// <remarks>Kernel: contpte_try_fold()</remarks>
    public void TryFold(IMmContext mm, ulong addr, PtePointer ptep, Pte pte)
    {
        var mask = (ulong)(_contPtes - 1);
        if (((addr >> _pageShift) & mask) != mask || (_format.Pfn(pte) & mask) != mask)
        {
            return;
        }

        if (Arm64Pte.Valid(pte) && !Arm64Pte.Cont(pte) && !Arm64Pte.Special(pte))
        {
            TryFoldCore(mm, addr, ptep, pte);
        }
    }

    /// <summary>
    /// Folds the block if the mm is a user mm, one folio covers the whole block, and every entry
    /// equals pfn_pte(base + i, prot) once young and dirty are normalised away
    /// (pte_mkold(pte_mkclean())), i.e. valid, non-contiguous, consecutive and uniform.
    /// </summary>
    /// <remarks>Kernel: __contpte_try_fold()</remarks>
    public void TryFoldCore(IMmContext mm, ulong addr, PtePointer ptep, Pte pte)
    {
        if (!mm.IsUserMm)
        {
            return;
        }

        var pfn = _format.Pfn(pte);
        if (!mm.TryGetFolio(pfn, out var folio) || !folio.Contains(pfn))
        {
            return;
        }

        var folioStart = addr - ((pfn - folio.StartPfn) << _pageShift);
        var folioEnd = folioStart + ((ulong)folio.NrPages << _pageShift);
        var start = BlockStart(addr);
        if (folioStart > start || folioEnd < start + _contPteSize)
        {
            return;
        }

        var expected = _format.PfnPte(pfn & ~(ulong)(_contPtes - 1), _format.Pgprot(Normalise(pte)));
        var first = ptep.AlignDown(_contPtes);
        var table = first.Table;
        for (int i = first.Index, end = first.Index + _contPtes; i < end; i++)
        {
            if (Normalise(table.Read(i)) != expected)
            {
                return;
            }

            expected = _format.AdvancePfn(expected, 1);
        }

        Convert(mm, addr, ptep, Arm64Pte.MkCont(pte));
    }

    /// <summary>Kernel: pte_mkold(pte_mkclean(pte)) — the A/D-normalised form compared by fold and the lockless gather.</summary>
    private static Pte Normalise(Pte pte) => Arm64Pte.MkOld(Arm64Pte.MkClean(pte));
}
