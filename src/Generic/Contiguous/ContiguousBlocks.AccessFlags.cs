namespace ArchPgtable.Generic.Contiguous;

/// <summary>Making a block entry more permissive: mainline's per-sub-entry update, and the whole-block rewrite.</summary>
public sealed partial class ContiguousBlocks<TEncoding>
{
    /// <summary>
    /// Makes a block entry more permissive (<paramref name="entry"/> is a plain value). No-op (false) only when every raw
    /// entry of the block already has <paramref name="entry"/>'s <see cref="IContiguousEncoding.AccessFlagsMask"/> bits: the
    /// gathered view is not enough, because a walker that evaluates one descriptor keeps faulting on its entry when only a
    /// sibling was updated. If the write permission stays the same, the raw helper runs on every entry of the block without
    /// flushing, then, if <paramref name="dirty"/>, the block's range is flushed on this CPU and the device walkers; no unfold.
    /// If it changes, the block is unfolded and only the target entry is updated.
    /// </summary>
    /// <remarks>Kernel: contpte_ptep_set_access_flags() with contpte_all_subptes_match_access_flags() and local_flush_tlb_contpte() (mainline)</remarks>
    public bool SetAccessFlagsBlock(IMmContext vma, ulong addr, PtePointer ptep, Pte entry, bool dirty)
    {
        ArgumentNullException.ThrowIfNull(vma);
        var first = ptep.AlignDown(_blockPtes);
        var mask = _enc.AccessFlagsMask;
        var want = entry.Value & mask;
        var match = true;
        for (var i = 0; i < _blockPtes && match; i++)
        {
            match = ((first + i).Read().Value & mask) == want;
        }

        if (match)
        {
            return false;
        }

        var raw = ptep.Read();
        if (_enc.Write(raw) == _enc.Write(entry))
        {
            var start = BlockStart(addr);
            for (var i = 0; i < _blockPtes; i++)
            {
                _enc.RawSetAccessFlags(vma, start + ((ulong)i << _pageShift), first + i, entry, dirty: false);
            }

            if (dirty)
            {
                vma.Tlb.FlushRangeLocal(start, start + _blockSize, _pageSize, notifySecondary: true);
            }
        }
        else
        {
            Unfold(vma, addr, ptep, raw);
            _enc.RawSetAccessFlags(vma, addr, ptep, entry, dirty);
        }

        return true;
    }

    /// <summary>
    /// Makes a block entry at least as permissive as <paramref name="entry"/> (a core-mm view) by rewriting the block: if the
    /// write permission is unchanged, every entry whose value differs becomes <paramref name="entry"/>'s block encoding plus the
    /// A/D it already has, one compare-and-exchange each (checked entry by entry, so an entry a walker reads with A or D clear
    /// is fixed even when the gathered view already shows them). If it changes, the block is unfolded and only the target entry
    /// updated. Always true (riscv: so update_mmu_cache() runs).
    /// </summary>
    /// <remarks>Kernel: contpte_ptep_set_access_flags() with riscv's return value and NAPOT rewrite (the modelled Svnapot layer)</remarks>
    public bool RewriteAccessFlagsBlock(IMmContext vma, ulong addr, PtePointer ptep, Pte entry, bool dirty)
    {
        var orig = GatherBlock(ptep, ptep.Read());
        if (_enc.Write(orig) != _enc.Write(entry))
        {
            TryUnfold(vma, addr, ptep, ptep.Read());
            return _enc.RawSetAccessFlags(vma, addr, ptep, entry, dirty);
        }

        var target = _enc.EncodeBlock(_enc.PfnPte(_enc.Pfn(entry) & ~(ulong)(_blockPtes - 1), _enc.Pgprot(entry)));
        var first = ptep.AlignDown(_blockPtes);
        var table = first.Table;
        for (int i = first.Index, end = first.Index + _blockPtes; i < end; i++, target = _enc.Sibling(target, 1))
        {
            var old = table.Read(i);
            for (; ; )
            {
                var next = OrYoungDirty(target, old);
                if (next == old)
                {
                    break;
                }

                var found = table.CompareExchange(i, next, old);
                if (found == old)
                {
                    break;
                }

                old = found;
            }
        }

        return true;
    }
}
