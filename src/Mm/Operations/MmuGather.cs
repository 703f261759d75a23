namespace ArchPgtable.Mm.Operations;

/// <summary>
/// Batches the TLB invalidation of one operation: every removed entry widens one range that is
/// flushed once at <see cref="Finish"/>; folios freed by the operation are freed only after that
/// flush, so no stale TLB entry can reach a reused page.
/// </summary>
/// <remarks>Kernel: struct mmu_gather — tlb_gather_mmu(), tlb_remove_tlb_entries(), tlb_remove_folio(), tlb_finish_mmu().</remarks>
internal sealed class MmuGather(MmStruct mm)
{
    private readonly List<ulong> _folios = [];
    private readonly int _pageShift = mm.System.Arch.Geometry.PageShift;
    private ulong _start = ulong.MaxValue;
    private ulong _end;
    private bool _clearedPtes;
    private bool _clearedPmds;

    /// <remarks>Kernel: tlb_remove_tlb_entries()</remarks>
    public void RemoveTlbEntries(ulong addr, int nr)
    {
        _clearedPtes = true;
        Widen(addr, nr);
    }

    /// <summary>A huge PMD's entry: the flush at <see cref="Finish"/> strides by the PMD size when no PTE was cleared.</summary>
    /// <remarks>Kernel: tlb_remove_pmd_tlb_entry() (tlb-&gt;cleared_pmds; tlb_get_unmap_shift())</remarks>
    public void RemovePmdTlbEntry(ulong haddr)
    {
        _clearedPmds = true;
        Widen(haddr, mm.System.Arch.Geometry.PtrsPerPte);
    }

    private void Widen(ulong addr, int nr)
    {
        _start = Math.Min(_start, addr);
        _end = Math.Max(_end, addr + ((ulong)nr << _pageShift));
    }

    /// <remarks>Kernel: tlb_remove_folio() — the folio is freed after the flush</remarks>
    public void RemoveFolio(ulong head) => _folios.Add(head);

    /// <remarks>Kernel: tlb_finish_mmu()</remarks>
    public void Finish()
    {
        if (_end > _start)
        {
            var g = mm.System.Arch.Geometry;
            mm.Tlb.FlushRange(_start, _end, _clearedPmds && !_clearedPtes ? g.PmdSize : g.PageSize, lastLevel: true, sync: true);
            if (mm.System.Agents.Count > 1)
            {
                StaleTlbAudit.AfterFlush(mm, _start, _end);
            }
        }

        foreach (var head in _folios)
        {
            mm.System.Memory.FreeFolio(head);
        }

        _folios.Clear();
        _start = ulong.MaxValue;
        _end = 0;
        _clearedPtes = _clearedPmds = false;
    }
}
