namespace ArchPgtable.Generic.Contiguous;

/// <summary>The block-aware batch helpers: set, clear, write-protect, and the A/D clear widened to whole blocks.</summary>
public sealed partial class ContiguousBlocks<TEncoding>
{
    /// <summary>
    /// Maps <paramref name="nr"/> ≥ 2 none entries with <paramref name="plain"/> (PFN advancing): each sub-range that is
    /// exactly one block with both VA and PA block-aligned is written as a block, every other entry plainly. No TLB
    /// maintenance (the targets were none). A kernel mm, or a value the encoding cannot carry, gets the raw write.
    /// </summary>
    /// <remarks>Kernel: contpte_set_ptes()</remarks>
    public void SetPtesBatch(IMmContext mm, ulong addr, PtePointer ptep, Pte plain, int nr)
    {
        ArgumentNullException.ThrowIfNull(mm);
        if (!mm.IsUserMm || !_enc.CanEncode(plain))
        {
            _enc.RawSetPtes(ptep, plain, nr);
            return;
        }

        var end = addr + ((ulong)nr << _pageShift);
        var pfn = _enc.Pfn(plain);
        var prot = _enc.Pgprot(plain);
        var table = ptep.Table;
        var index = ptep.Index;
        var offMask = _blockSize - 1;
        for (; ; )
        {
            var boundary = (addr + _blockSize) & ~offMask;
            var next = boundary - 1 < end - 1 ? boundary : end;
            var n = (int)((next - addr) >> _pageShift);
            var p = _enc.PfnPte(pfn, prot);
            var chunk = new PtePointer(table, index);
            if (((addr | next | (pfn << _pageShift)) & offMask) == 0)
            {
                WriteBlock(chunk, _enc.EncodeBlock(p));
            }
            else
            {
                _enc.RawSetPtes(chunk, p, n);
            }

            addr = next;
            if (addr == end)
            {
                return;
            }

            index += n;
            pfn += (ulong)n;
        }
    }

    /// <summary>Clears a batch of ≥ 2 entries: unfolds the partially covered end blocks, then exchanges every entry with 0.</summary>
    /// <remarks>Kernel: contpte_clear_full_ptes()</remarks>
    public void ClearFullPtesBatch(IMmContext mm, ulong addr, PtePointer ptep, int nr)
    {
        TryUnfoldPartial(mm, addr, ptep, nr);
        var table = ptep.Table;
        for (int i = ptep.Index, end = ptep.Index + nr; i < end; i++)
        {
            table.Exchange(i, Pte.None);
        }
    }

    /// <summary>Clears a batch of ≥ 2 entries as <see cref="ClearFullPtesBatch"/>; returns the first entry's core-mm view with the batch's young/dirty.</summary>
    /// <remarks>Kernel: contpte_get_and_clear_full_ptes() (then __get_and_clear_full_ptes())</remarks>
    public Pte GetAndClearFullPtesBatch(IMmContext mm, ulong addr, PtePointer ptep, int nr)
    {
        TryUnfoldPartial(mm, addr, ptep, nr);
        var table = ptep.Table;
        var index = ptep.Index;
        var pte = _enc.View(table.Exchange(index, Pte.None), index & (_blockPtes - 1));
        for (var end = index + nr; ++index < end;)
        {
            pte = OrYoungDirty(pte, table.Exchange(index, Pte.None));
        }

        return pte;
    }

    /// <summary>Write-protects a batch of ≥ 2 entries: unfolds the partially covered end blocks, then write-protects every entry raw; fully covered blocks stay blocks.</summary>
    /// <remarks>Kernel: contpte_wrprotect_ptes()</remarks>
    public void WrprotectPtesBatch(IMmContext mm, ulong addr, PtePointer ptep, int nr)
    {
        TryUnfoldPartial(mm, addr, ptep, nr);
        for (var i = 0; i < nr; i++)
        {
            _enc.RawSetWrprotect(ptep + i);
        }
    }

    /// <summary>
    /// Clears young and/or dirty over a batch, widened to whole blocks at the two ends only (middle blocks lie inside
    /// the range already). Never folds, unfolds or flushes (clearing A/D keeps a block's output address and permissions;
    /// the caller's mmu_gather flushes); right for any mix of blocks and plain entries and any <paramref name="nr"/>.
    /// </summary>
    /// <remarks>Kernel: contpte_clear_young_dirty_ptes()</remarks>
    public void ClearYoungDirtyPtesBatch(ulong addr, PtePointer ptep, int nr, CydpFlags flags)
    {
        var start = addr;
        var end = addr + ((ulong)nr << _pageShift);
        ptep = AlignAddrPtep(ref start, ref end, ptep, nr);
        _enc.RawClearYoungDirtyPtes(ptep, (int)((end - start) >> _pageShift), flags);
    }

    /// <summary>
    /// Widens a batch of <paramref name="nr"/> consecutive entries to whole blocks at its two ends: the end up to its
    /// block's end if the last raw entry carries the encoding, the start down to its block's first entry (and the pointer
    /// with it) if the first raw entry does.
    /// </summary>
    /// <remarks>Kernel: contpte_align_addr_ptep()</remarks>
    private PtePointer AlignAddrPtep(ref ulong start, ref ulong end, PtePointer ptep, int nr)
    {
        if (_enc.HasBlockBit((ptep + (nr - 1)).Read()))
        {
            end = (end + _blockSize - 1) & ~(_blockSize - 1);
        }

        if (_enc.HasBlockBit(ptep.Read()))
        {
            start = BlockStart(start);
            ptep = ptep.AlignDown(_blockPtes);
        }

        return ptep;
    }
}
