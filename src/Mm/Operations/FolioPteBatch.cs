namespace ArchPgtable.Mm.Operations;

/// <summary>
/// Finds how many PTEs from a given one map consecutive pages of the same large folio with the
/// same bits, ignoring the accessed and write bits (and dirty when asked), skipping what
/// <see cref="IPageTableOps.PteBatchHint"/> says it knows.
/// </summary>
/// <remarks>Kernel: folio_pte_batch() (mm/internal.h, v6.10 form with any_writable/any_young/any_dirty).</remarks>
public static class FolioPteBatch
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
        any = default;
        var nr = ops.PteBatchHint(ptep, pte);
        var expected = Normalise(fmt, fmt.AdvancePfn(pte, nr), ignoreDirty);
        while (nr < maxNr)
        {
            var p = ptep + nr;
            var v = ops.PtepGet(p);
            if (!fmt.Present(v) || Normalise(fmt, v, ignoreDirty) != expected || fmt.Pfn(v) >= folio.EndPfn)
            {
                break;
            }

            any = new BatchBits(
                any.Writable || fmt.Write(v),
                any.Young || fmt.Young(v),
                any.Dirty || fmt.Dirty(v));
            var hint = ops.PteBatchHint(p, v);
            expected = fmt.AdvancePfn(expected, hint);
            nr += hint;
        }

        return Math.Min(nr, maxNr);
    }

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
