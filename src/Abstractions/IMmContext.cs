namespace ArchPgtable;

/// <summary>
/// What a page-table helper may ask of the address space and VMA it works on: whether it is a
/// user mm, its TLB, its cost counters, and the folio a PFN belongs to.
/// </summary>
/// <remarks>Kernel: struct mm_struct and struct vm_area_struct as the helpers use them.</remarks>
public interface IMmContext
{
    /// <summary>True for user address spaces; false for init_mm / efi_mm, where arm64 never folds or unfolds.</summary>
    /// <remarks>Kernel: mm_is_user()</remarks>
    bool IsUserMm { get; }

    /// <summary>The TLB maintenance interface.</summary>
    ITlbFlusher Tlb { get; }

    /// <summary>Where fold/unfold/split events are reported.</summary>
    ICostCounters Counters { get; }

    /// <summary>Finds the folio that contains <paramref name="pfn"/>.</summary>
    /// <remarks>Kernel: page_folio(pfn_to_page(pfn))</remarks>
    bool TryGetFolio(ulong pfn, out FolioExtent folio);
}
