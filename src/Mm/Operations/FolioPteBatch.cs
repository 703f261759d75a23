namespace ArchPgtable.Mm.Operations;

/// <summary>
/// Finds how many PTEs from a given one map consecutive pages of the same large folio with the
/// same bits, ignoring the accessed and write bits (and dirty when asked), skipping what
/// <see cref="IPageTableOps.PteBatchHint"/> says it knows.
/// </summary>
/// <remarks>Kernel: folio_pte_batch() (mm/internal.h, v6.10 form with any_writable/any_young/any_dirty).</remarks>
public static partial class FolioPteBatch
{
    /// <summary>The batch length, at most <paramref name="maxNr"/> and never past the folio's last page.</summary>
    /// <param name="ops">The architecture's helpers.</param>
    /// <param name="folio">The folio <paramref name="pte"/> maps a page of.</param>
    /// <param name="ptep">The first entry.</param>
    /// <param name="pte">Its value, as <see cref="IPageTableOps.PtepGet"/> returned it.</param>
    /// <param name="maxNr">The most entries to consider (keeps the scan inside one PTE table and the range).</param>
    /// <param name="ignoreDirty">Treat dirty and clean entries alike (FPB_IGNORE_DIRTY).</param>
    /// <param name="any">Write/young/dirty OR-ed over the entries after the first.</param>
    public static int Batch(IPageTableOps ops, FolioExtent folio, PtePointer ptep, Pte pte, int maxNr, bool ignoreDirty, out BatchBits any)
    {
        ArgumentNullException.ThrowIfNull(ops);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxNr, 1);
        var fmt = ops.Format;
        var folioEnd = folio.EndPfn;
        var pfn0 = fmt.Pfn(pte);

        // Entries from the first one to the folio's end: entry nr maps pfn0 + nr, which is past the
        // folio exactly when nr ≥ room (0 when the first entry is not in the folio at all).
        var room = pfn0 < folioEnd ? folioEnd - pfn0 : 0;
        var nr = ops.PteBatchHint(ptep, pte);
        var rawNext = fmt.AdvancePfn(pte, nr);

        // True while the entry just taken carries write/young/dirty bits already OR-ed in.
        var counted = false;
        bool writable = false, young = false, dirty = false;
        while (nr < maxNr)
        {
            var p = ptep + nr;
            var v = ops.PtepGet(p);
            if (v == rawNext)
            {
                // Fast path: the entry is the previous one with its PFN advanced, so it normalises to the
                // expected value too (normalising and advancing touch disjoint bits) and carries the
                // previous entry's write/young/dirty bits: the first entry's for a run of such entries
                // from the start, which count once as the first taken entry's own.
                if ((ulong)nr >= room)
                {
                    break;
                }
            }
            else
            {
                if (!Same(fmt, v, rawNext, ignoreDirty, folioEnd))
                {
                    break;
                }

                counted = false;
            }

            if (!counted)
            {
                writable |= fmt.Write(v);
                young |= fmt.Young(v);
                dirty |= fmt.Dirty(v);
                counted = true;
            }

            var hint = ops.PteBatchHint(p, v);
            rawNext = fmt.AdvancePfn(v, hint);
            nr += hint;
        }

        any = new BatchBits(writable, young, dirty);
        return Math.Min(nr, maxNr);
    }

    /// <summary>The slow path: <paramref name="v"/> is present, normalises to what <paramref name="rawNext"/> normalises to, and maps a page before the folio's end.</summary>
    private static bool Same(IPteFormat fmt, Pte v, Pte rawNext, bool ignoreDirty, ulong folioEnd) =>
        fmt.Present(v) && Normalise(fmt, v, ignoreDirty) == Normalise(fmt, rawNext, ignoreDirty) && fmt.Pfn(v) < folioEnd;

    private static Pte Normalise(IPteFormat fmt, Pte p, bool ignoreDirty)
    {
        if (ignoreDirty)
        {
            p = fmt.MkClean(p);
        }

        return fmt.WrProtect(fmt.MkOld(p));
    }
}

/// <summary>The write/young/dirty state <see cref="FolioPteBatch"/> saw after the batch's first entry.</summary>
/// <param name="Writable">Some entry is writable (any_writable).</param>
/// <param name="Young">Some entry is young (any_young).</param>
/// <param name="Dirty">Some entry is dirty (any_dirty).</param>
public readonly record struct BatchBits(bool Writable, bool Young, bool Dirty);
