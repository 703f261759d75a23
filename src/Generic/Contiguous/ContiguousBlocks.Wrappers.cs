namespace ArchPgtable.Generic.Contiguous;

/// <summary>
/// The public helpers as the architecture's pgtable.h inlines write them over the layer: one raw-tier call for a plain
/// entry or <c>nr == 1</c>, the block-aware function otherwise. An architecture's <c>…Core</c> overrides are one line each
/// into these.
/// </summary>
public sealed partial class ContiguousBlocks<TEncoding>
{
    /// <summary>Raw read; for a block entry, the core-mm view with young/dirty gathered over the block.</summary>
    /// <remarks>Kernel: ptep_get() → contpte_ptep_get()</remarks>
    public Pte PtepGet(PtePointer ptep)
    {
        var raw = ptep.Read();
        return _enc.IsBlock(raw) ? GatherBlock(ptep, raw) : raw;
    }

    /// <summary>nr = 1: unfold the old entry's block, raw set, then try to fold. nr &gt; 1: <see cref="SetPtesBatch"/>. <paramref name="plain"/> must not carry the encoding.</summary>
    /// <remarks>Kernel: set_ptes() → contpte_try_unfold() / __set_ptes() / contpte_try_fold(), or contpte_set_ptes()</remarks>
    public void SetPtes(IMmContext mm, ulong addr, PtePointer ptep, Pte plain, int nr)
    {
        if (nr == 1)
        {
            TryUnfold(mm, addr, ptep, ptep.Read());
            _enc.RawSetPtes(ptep, plain, 1);
            TryFold(mm, addr, ptep, plain);
            return;
        }

        SetPtesBatch(mm, addr, ptep, plain, nr);
    }

    /// <summary>Unfolds the entry's block if it is one, then the atomic exchange with 0.</summary>
    /// <remarks>Kernel: ptep_get_and_clear() (contpte_try_unfold() + __ptep_get_and_clear())</remarks>
    public Pte PtepGetAndClear(IMmContext mm, ulong addr, PtePointer ptep)
    {
        TryUnfold(mm, addr, ptep, ptep.Read());
        return ptep.Exchange(Pte.None);
    }

    /// <summary>nr = 1: <see cref="PtepGetAndClear"/>. nr &gt; 1: <see cref="GetAndClearFullPtesBatch"/>.</summary>
    /// <remarks>Kernel: get_and_clear_full_ptes() → contpte_get_and_clear_full_ptes()</remarks>
    public Pte GetAndClearFullPtes(IMmContext mm, ulong addr, PtePointer ptep, int nr) =>
        nr == 1 ? PtepGetAndClear(mm, addr, ptep) : GetAndClearFullPtesBatch(mm, addr, ptep, nr);

    /// <summary>nr = 1: <see cref="PtepGetAndClear"/>. nr &gt; 1: <see cref="ClearFullPtesBatch"/>.</summary>
    /// <remarks>Kernel: clear_full_ptes() → contpte_clear_full_ptes()</remarks>
    public void ClearFullPtes(IMmContext mm, ulong addr, PtePointer ptep, int nr)
    {
        if (nr == 1)
        {
            PtepGetAndClear(mm, addr, ptep);
            return;
        }

        ClearFullPtesBatch(mm, addr, ptep, nr);
    }

    /// <summary>Plain: the raw test-and-clear. Block: AF cleared on the whole block, the OR returned.</summary>
    /// <remarks>Kernel: ptep_test_and_clear_young() → contpte_ptep_test_and_clear_young()</remarks>
    public bool PtepTestAndClearYoung(PtePointer ptep) =>
        _enc.IsBlock(ptep.Read()) ? TestAndClearYoungBlock(ptep) : _enc.RawTestAndClearYoung(ptep);

    /// <summary>Plain: the raw clear-flush. Block: AF cleared on the whole block, then one range flush if any was young.</summary>
    /// <remarks>Kernel: ptep_clear_flush_young() → contpte_ptep_clear_flush_young()</remarks>
    public bool PtepClearFlushYoung(IMmContext vma, ulong addr, PtePointer ptep) =>
        _enc.IsBlock(ptep.Read()) ? ClearFlushYoungBlock(vma, addr, ptep) : _enc.RawClearFlushYoung(vma, addr, ptep);

    /// <summary>nr = 1: unfold if a block entry, then raw write-protect. nr &gt; 1: <see cref="WrprotectPtesBatch"/>.</summary>
    /// <remarks>Kernel: wrprotect_ptes() → contpte_wrprotect_ptes()</remarks>
    public void WrprotectPtes(IMmContext mm, ulong addr, PtePointer ptep, int nr)
    {
        if (nr == 1)
        {
            TryUnfold(mm, addr, ptep, ptep.Read());
            _enc.RawSetWrprotect(ptep);
            return;
        }

        WrprotectPtesBatch(mm, addr, ptep, nr);
    }

    /// <summary>Plain: the raw helper. Block: <see cref="SetAccessFlagsBlock"/>, or <see cref="RewriteAccessFlagsBlock"/> when <paramref name="rewrite"/>.</summary>
    /// <remarks>Kernel: ptep_set_access_flags() → contpte_ptep_set_access_flags()</remarks>
    public bool PtepSetAccessFlags(IMmContext vma, ulong addr, PtePointer ptep, Pte entry, bool dirty, bool rewrite = false)
    {
        if (!_enc.IsBlock(ptep.Read()))
        {
            return _enc.RawSetAccessFlags(vma, addr, ptep, entry, dirty);
        }

        return rewrite ? RewriteAccessFlagsBlock(vma, addr, ptep, entry, dirty) : SetAccessFlagsBlock(vma, addr, ptep, entry, dirty);
    }

    /// <summary>nr = 1 on an entry without the encoding: the raw clear. Otherwise <see cref="ClearYoungDirtyPtesBatch"/>.</summary>
    /// <remarks>Kernel: clear_young_dirty_ptes() → contpte_clear_young_dirty_ptes()</remarks>
    public void ClearYoungDirtyPtes(ulong addr, PtePointer ptep, int nr, CydpFlags flags)
    {
        if (nr == 1 && !_enc.HasBlockBit(ptep.Read()))
        {
            _enc.RawClearYoungDirtyPtes(ptep, 1, flags);
            return;
        }

        ClearYoungDirtyPtesBatch(addr, ptep, nr, flags);
    }

    /// <summary>nr = 1 on an entry without the encoding: the raw test-and-clear. Otherwise <see cref="TestAndClearYoungBatch"/>.</summary>
    /// <remarks>Kernel: test_and_clear_young_ptes() → __ptep_test_and_clear_young() or contpte_test_and_clear_young_ptes()</remarks>
    public bool TestAndClearYoungPtes(ulong addr, PtePointer ptep, int nr) =>
        nr == 1 && !_enc.HasBlockBit(ptep.Read()) ? _enc.RawTestAndClearYoung(ptep) : TestAndClearYoungBatch(addr, ptep, nr);

    /// <summary>nr = 1 on an entry without the encoding: the raw clear-flush. Otherwise <see cref="ClearFlushYoungBatch"/>.</summary>
    /// <remarks>Kernel: clear_flush_young_ptes() → __ptep_clear_flush_young() or contpte_clear_flush_young_ptes()</remarks>
    public bool ClearFlushYoungPtes(IMmContext vma, ulong addr, PtePointer ptep, int nr) =>
        nr == 1 && !_enc.HasBlockBit(ptep.Read()) ? _enc.RawClearFlushYoung(vma, addr, ptep) : ClearFlushYoungBatch(vma, addr, ptep, nr);

    /// <summary>For a valid block entry, the entries left in its block from <paramref name="ptep"/> on; otherwise 1. Tests
    /// <paramref name="pte"/> when the view shows the encoding, else reads the raw entry.</summary>
    /// <remarks>Kernel: pte_batch_hint()</remarks>
    public int PteBatchHint(PtePointer ptep, Pte pte) =>
        _enc.IsBlock(_enc.ViewShowsBlock ? pte : ptep.Read()) ? _blockPtes - (ptep.Index & (_blockPtes - 1)) : 1;
}
