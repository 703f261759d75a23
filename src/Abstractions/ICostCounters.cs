namespace ArchPgtable;

/// <summary>The events a page-table helper reports beyond PTE-word accesses (which the table counts itself).</summary>
/// <remarks>Kernel: none; these are the events a contpte trace would show.</remarks>
public interface ICostCounters
{
    /// <summary>A non-contiguous block of <paramref name="nr"/> entries at <paramref name="addr"/> was repainted as contiguous.</summary>
    /// <remarks>Kernel: contpte_convert() from __contpte_try_fold()</remarks>
    void Fold(ulong addr, int nr);

    /// <summary>A contiguous block of <paramref name="nr"/> entries at <paramref name="addr"/> was repainted as non-contiguous.</summary>
    /// <remarks>Kernel: contpte_convert() from __contpte_try_unfold()</remarks>
    void Unfold(ulong addr, int nr);

    /// <summary>A large folio of <paramref name="nrPages"/> pages starting at <paramref name="pfn"/> was split.</summary>
    /// <remarks>Kernel: split_folio()</remarks>
    void FolioSplit(ulong pfn, int nrPages);
}
