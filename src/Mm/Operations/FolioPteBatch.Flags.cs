namespace ArchPgtable.Mm.Operations;

/// <summary>The mainline (v6.17+) forms: <c>folio_pte_batch_flags()</c> and <c>folio_pte_batch()</c>.</summary>
public static partial class FolioPteBatch
{
    /// <summary>
    /// The number of entries from <paramref name="ptep"/> that map consecutive pages of <paramref name="folio"/> with the
    /// same bits, ignoring young, write (unless <see cref="FpbFlags.RespectWrite"/>), dirty (unless
    /// <see cref="FpbFlags.RespectDirty"/>) and soft-dirty (unless <see cref="FpbFlags.RespectSoftDirty"/>); never more
    /// than <paramref name="maxNr"/> nor past the folio's last page. With the merge flags, <paramref name="ptent"/> (a copy
    /// of the first entry) is made writable / young / dirty when a later entry of the batch is.
    /// </summary>
    /// <param name="ops">The architecture's helpers (<c>ptep_get</c>, <c>pte_batch_hint</c>).</param>
    /// <param name="folio">The folio the first entry maps a page of (any page, not necessarily the first).</param>
    /// <param name="ptep">The first entry.</param>
    /// <param name="ptent">In: the first entry's value as <see cref="IPageTableOps.PtepGet"/> returned it (present). Out: merged as the flags say.</param>
    /// <param name="maxNr">The most entries to consider, at least 1; the caller keeps it inside one VMA and one PTE table.</param>
    /// <param name="flags">The comparison and merge flags.</param>
    /// <remarks>Kernel: folio_pte_batch_flags() (mm/internal.h). The <c>vma</c> argument only feeds pte_mkwrite(pte, vma),
    /// which differs from pte_mkwrite_novma() for shadow-stack VMAs, which the model does not create.</remarks>
    public static int BatchFlags(IPageTableOps ops, FolioExtent folio, PtePointer ptep, ref Pte ptent, int maxNr, FpbFlags flags)
    {
        ArgumentNullException.ThrowIfNull(ops);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxNr, 1);
        var fmt = ops.Format;
        var pte = ptent;
        if (!fmt.Present(pte) || !folio.Contains(fmt.Pfn(pte)))
        {
            throw new ArgumentException(
                $"folio_pte_batch_flags: the first entry ({fmt.Describe(pte)}) must be present and map a page of the folio (pfn 0x{folio.StartPfn:x}, {folio.NrPages} pages).",
                nameof(ptent));
        }

        // Limit max_nr to the PFNs left in the folio.
        maxNr = (int)Math.Min((ulong)maxNr, folio.EndPfn - fmt.Pfn(pte));

        bool anyWritable = false, anyYoung = false, anyDirty = false;
        var nr = ops.PteBatchHint(ptep, pte);
        var expected = ClearIgnored(fmt, fmt.AdvancePfn(pte, nr), flags);
        while (nr < maxNr)
        {
            var p = ptep + nr;
            pte = ops.PtepGet(p);
            if (ClearIgnored(fmt, pte, flags) != expected)
            {
                break;
            }

            if ((flags & FpbFlags.MergeWrite) != 0)
            {
                anyWritable |= fmt.Write(pte);
            }

            if ((flags & FpbFlags.MergeYoungDirty) != 0)
            {
                anyYoung |= fmt.Young(pte);
                anyDirty |= fmt.Dirty(pte);
            }

            var cur = ops.PteBatchHint(p, pte);
            expected = fmt.AdvancePfn(expected, cur);
            nr += cur;
        }

        if (anyWritable)
        {
            ptent = fmt.MkWrite(ptent);
        }

        if (anyYoung)
        {
            ptent = fmt.MkYoung(ptent);
        }

        if (anyDirty)
        {
            ptent = fmt.MkDirty(ptent);
        }

        return Math.Min(nr, maxNr);
    }

    /// <summary>The batch with no flags: young, write, dirty and soft-dirty ignored, nothing merged.</summary>
    /// <param name="ops">The architecture's helpers.</param>
    /// <param name="folio">The folio the first entry maps a page of.</param>
    /// <param name="ptep">The first entry.</param>
    /// <param name="pte">Its value, as <see cref="IPageTableOps.PtepGet"/> returned it.</param>
    /// <param name="maxNr">The most entries to consider, at least 1.</param>
    /// <remarks>Kernel: folio_pte_batch() (mm/util.c: folio_pte_batch_flags(folio, NULL, ptep, &amp;pte, max_nr, 0)).</remarks>
    public static int Batch(IPageTableOps ops, FolioExtent folio, PtePointer ptep, Pte pte, int maxNr) =>
        BatchFlags(ops, folio, ptep, ref pte, maxNr, FpbFlags.None);

    /// <summary>The entry with the bits the flags say to ignore cleared, and young cleared.</summary>
    /// <remarks>Kernel: __pte_batch_clear_ignored()</remarks>
    private static Pte ClearIgnored(IPteFormat fmt, Pte pte, FpbFlags flags)
    {
        if ((flags & FpbFlags.RespectDirty) == 0)
        {
            pte = fmt.MkClean(pte);
        }

        if ((flags & FpbFlags.RespectSoftDirty) == 0)
        {
            pte = fmt.ClearSoftDirty(pte);
        }

        if ((flags & FpbFlags.RespectWrite) == 0)
        {
            pte = fmt.WrProtect(pte);
        }

        return fmt.MkOld(pte);
    }
}
