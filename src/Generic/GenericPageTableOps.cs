namespace ArchPgtable.Generic;

/// <summary>
/// <c>include/linux/pgtable.h</c> in C#. Each public helper checks the batch contract and then
/// calls its protected virtual <c>…Core</c> member, whose body here is the kernel's generic
/// default, written only in terms of per-PTE primitives and other helpers. An architecture
/// overrides a helper by overriding that one <c>…Core</c> member (the kernel's
/// <c>#define helper helper</c>) and inherits every other default.
/// </summary>
/// <remarks>Kernel: include/linux/pgtable.h and mm/pgtable-generic.c</remarks>
public abstract partial class GenericPageTableOps : IPageTableOps
{
    /// <summary>The geometry's PTRS_PER_PTE, held here so the pointer-only checks of the per-entry helpers need no geometry load.</summary>
    private readonly int _ptrsPerPte;

    /// <summary>Creates the helpers for a PTE encoding and a geometry.</summary>
    /// <param name="format">The architecture's PTE encoding.</param>
    /// <param name="geometry">The page-table geometry.</param>
    /// <param name="debugVm">Also check that batch entries are present and that multi-entry <c>set_ptes</c> targets are none (CONFIG_DEBUG_VM).</param>
    protected GenericPageTableOps(IPteFormat format, ArchGeometry geometry, bool debugVm = true)
    {
        ArgumentNullException.ThrowIfNull(format);
        ArgumentNullException.ThrowIfNull(geometry);
        Format = format;
        Geometry = geometry;
        DebugVm = debugVm;
        _ptrsPerPte = geometry.PtrsPerPte;
    }

    /// <inheritdoc/>
    public IPteFormat Format { get; }

    /// <inheritdoc/>
    public ArchGeometry Geometry { get; }

    /// <summary>True when the entry-level preconditions are checked too.</summary>
    /// <remarks>Kernel: CONFIG_DEBUG_VM (VM_WARN_ON)</remarks>
    public bool DebugVm { get; }

    /// <inheritdoc/>
    public Pte PtepGet(PtePointer ptep)
    {
        BatchContract.CheckPointer(_ptrsPerPte, "ptep_get", ptep);
        return PtepGetCore(ptep);
    }

    /// <inheritdoc/>
    public Pte PtepGetLockless(PtePointer ptep)
    {
        BatchContract.CheckPointer(_ptrsPerPte, "ptep_get_lockless", ptep);
        return PtepGetLocklessCore(ptep);
    }

    /// <inheritdoc/>
    public void SetPtes(IMmContext mm, ulong addr, PtePointer ptep, Pte pte, int nr)
    {
        ArgumentNullException.ThrowIfNull(mm);
        BatchContract.CheckBatch(Geometry, "set_ptes", addr, ptep, nr);
        if (DebugVm)
        {
            BatchContract.CheckSetPtes(Format, ptep, pte, nr);
        }

        SetPtesCore(mm, addr, ptep, pte, nr);
    }

    /// <inheritdoc/>
    /// <remarks>Kernel: set_pte_at() is a macro for set_ptes(mm, addr, ptep, pte, 1); it cannot be overridden on its own.</remarks>
    public void SetPteAt(IMmContext mm, ulong addr, PtePointer ptep, Pte pte) => SetPtes(mm, addr, ptep, pte, 1);

    /// <inheritdoc/>
    public Pte PtepGetAndClear(IMmContext mm, ulong addr, PtePointer ptep)
    {
        ArgumentNullException.ThrowIfNull(mm);
        BatchContract.CheckSingle(Geometry, "ptep_get_and_clear", addr, ptep);
        return PtepGetAndClearCore(mm, addr, ptep);
    }

    /// <inheritdoc/>
    public Pte PtepGetAndClearFull(IMmContext mm, ulong addr, PtePointer ptep, bool full)
    {
        ArgumentNullException.ThrowIfNull(mm);
        BatchContract.CheckSingle(Geometry, "ptep_get_and_clear_full", addr, ptep);
        return PtepGetAndClearFullCore(mm, addr, ptep, full);
    }

    /// <inheritdoc/>
    public Pte GetAndClearFullPtes(IMmContext mm, ulong addr, PtePointer ptep, int nr, bool full)
    {
        CheckPresentBatch(mm, "get_and_clear_full_ptes", addr, ptep, nr);
        return GetAndClearFullPtesCore(mm, addr, ptep, nr, full);
    }

    /// <inheritdoc/>
    public void ClearFullPtes(IMmContext mm, ulong addr, PtePointer ptep, int nr, bool full)
    {
        CheckPresentBatch(mm, "clear_full_ptes", addr, ptep, nr);
        ClearFullPtesCore(mm, addr, ptep, nr, full);
    }

    /// <inheritdoc/>
    public bool PtepTestAndClearYoung(IMmContext vma, ulong addr, PtePointer ptep)
    {
        ArgumentNullException.ThrowIfNull(vma);
        BatchContract.CheckSingle(Geometry, "ptep_test_and_clear_young", addr, ptep);
        return PtepTestAndClearYoungCore(vma, addr, ptep);
    }

    /// <inheritdoc/>
    public bool PtepClearFlushYoung(IMmContext vma, ulong addr, PtePointer ptep)
    {
        ArgumentNullException.ThrowIfNull(vma);
        BatchContract.CheckSingle(Geometry, "ptep_clear_flush_young", addr, ptep);
        return PtepClearFlushYoungCore(vma, addr, ptep);
    }

    /// <inheritdoc/>
    public void PtepSetWrprotect(IMmContext mm, ulong addr, PtePointer ptep)
    {
        ArgumentNullException.ThrowIfNull(mm);
        BatchContract.CheckSingle(Geometry, "ptep_set_wrprotect", addr, ptep);
        PtepSetWrprotectCore(mm, addr, ptep);
    }

    /// <inheritdoc/>
    public void WrprotectPtes(IMmContext mm, ulong addr, PtePointer ptep, int nr)
    {
        CheckPresentBatch(mm, "wrprotect_ptes", addr, ptep, nr);
        WrprotectPtesCore(mm, addr, ptep, nr);
    }

    /// <inheritdoc/>
    public bool PtepSetAccessFlags(IMmContext vma, ulong addr, PtePointer ptep, Pte entry, bool dirty)
    {
        ArgumentNullException.ThrowIfNull(vma);
        BatchContract.CheckSingle(Geometry, "ptep_set_access_flags", addr, ptep);
        return PtepSetAccessFlagsCore(vma, addr, ptep, entry, dirty);
    }

    /// <inheritdoc/>
    public void ClearYoungDirtyPtes(IMmContext vma, ulong addr, PtePointer ptep, int nr, CydpFlags flags)
    {
        BatchContract.CheckCydpFlags(flags);
        CheckPresentBatch(vma, "clear_young_dirty_ptes", addr, ptep, nr);
        ClearYoungDirtyPtesCore(vma, addr, ptep, nr, flags);
    }

    /// <inheritdoc/>
    public void MkoldCleanPtes(IMmContext vma, ulong addr, PtePointer ptep, int nr)
    {
        CheckPresentBatch(vma, "mkold_clean_ptes", addr, ptep, nr);
        MkoldCleanPtesCore(vma, addr, ptep, nr);
    }

    /// <inheritdoc/>
    public int PteBatchHint(PtePointer ptep, Pte pte)
    {
        BatchContract.CheckPointer(_ptrsPerPte, "pte_batch_hint", ptep);
        return PteBatchHintCore(ptep, pte);
    }

    private void CheckPresentBatch(IMmContext mm, string helper, ulong addr, PtePointer ptep, int nr)
    {
        ArgumentNullException.ThrowIfNull(mm);
        BatchContract.CheckBatch(Geometry, helper, addr, ptep, nr);
        if (DebugVm)
        {
            BatchContract.CheckPresent(Format, helper, ptep, nr);
        }
    }
}
