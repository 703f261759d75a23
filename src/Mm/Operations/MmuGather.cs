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

    /// <remarks>Kernel: tlb_remove_tlb_entries()</remarks>
    public void RemoveTlbEntries(ulong addr, int nr)
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
            mm.Tlb.FlushRange(_start, _end, mm.System.Arch.Geometry.PageSize, lastLevel: true, sync: true);
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
    }
}
