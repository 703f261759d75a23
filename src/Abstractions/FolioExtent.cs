namespace ArchPgtable;

/// <summary>The physical extent of a folio: its first PFN and its number of pages.</summary>
/// <remarks>Kernel: struct folio, as seen through folio_pfn() and folio_nr_pages().</remarks>
/// <param name="StartPfn">The PFN of the folio's first page.</param>
/// <param name="NrPages">The number of pages (a power of two).</param>
public readonly record struct FolioExtent(ulong StartPfn, int NrPages)
{
    /// <summary>The PFN one past the folio's last page.</summary>
    public ulong EndPfn => StartPfn + (ulong)NrPages;

    /// <summary>True when <paramref name="pfn"/> is one of the folio's pages.</summary>
    public bool Contains(ulong pfn) => pfn >= StartPfn && pfn < EndPfn;
}
