namespace ArchPgtable.Mm.Hardware;

/// <summary>What one agent did: accesses, TLB hits and walks, faults it raised, and the invalidations that reached it.</summary>
public sealed class MmAgentStats
{
    /// <summary>Accesses issued.</summary>
    public long Accesses { get; internal set; }

    /// <summary>Accesses served by its TLB.</summary>
    public long TlbHits { get; internal set; }

    /// <summary>Walks of the page table.</summary>
    public long TlbMisses { get; internal set; }

    /// <summary>Faults it raised (each handled by core mm: for a device, a page request / I/O page fault).</summary>
    public long Faults { get; internal set; }

    /// <summary>TLB invalidations that reached it from core mm: broadcast TLBI / shootdown for a CPU.</summary>
    /// <remarks>Kernel: flush_tlb_page(), __flush_tlb_range(), flush_tlb_mm().</remarks>
    public long TlbInvalidations { get; internal set; }

    /// <summary>Invalidations that reached it as an SVA mmu-notifier call (devices only).</summary>
    /// <remarks>Kernel: mmu_notifier_arch_invalidate_secondary_tlbs()</remarks>
    public long NotifierInvalidations { get; internal set; }
}
