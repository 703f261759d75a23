namespace ArchPgtable.RiscV;

/// <summary>riscv's eager TLB maintenance after a PTE becomes valid.</summary>
/// <remarks>Kernel: update_mmu_cache_range() (arch/riscv/include/asm/pgtable.h)</remarks>
internal static class RiscVTlbUpdate
{
    /// <summary>
    /// One <c>sfence.vma</c> per page, last page first: a RISC-V TLB may cache invalid entries, so a new valid entry
    /// needs a fence. Without Svvptc (not modelled: every modelled hart lacks it) this always runs. The kernel's fence
    /// is local to the hart; the model's <see cref="ITlbFlusher.FlushPage"/> is the only per-page flush it has, so the
    /// model flushes at least what the kernel does.
    /// </summary>
    /// <remarks>Kernel: update_mmu_cache_range(vmf, vma, address, ptep, nr) → local_flush_tlb_page() per page</remarks>
    public static void UpdateMmuCacheRange(IMmContext vma, ulong addr, int nr, ulong pageSize)
    {
        ArgumentNullException.ThrowIfNull(vma);
        while (nr-- > 0)
        {
            vma.Tlb.FlushPage(addr + ((ulong)nr * pageSize));
        }
    }
}
