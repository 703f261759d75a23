namespace ArchPgtable.Contracts.Differential;

/// <summary>
/// Forwards every helper to the build's own ops, with the mm/vma wrapped so that the TLB maintenance
/// the helper issues is logged in order (<see cref="FlushLog"/>); the differential run compares the logs.
/// </summary>
internal sealed class FlushRecordingOps(IPageTableOps inner, FlushLog log) : IPageTableOps
{
    public IPteFormat Format => inner.Format;

    public ArchGeometry Geometry => inner.Geometry;

    public Pte PtepGet(PtePointer ptep) => inner.PtepGet(ptep);

    public Pte PtepGetLockless(PtePointer ptep) => inner.PtepGetLockless(ptep);

    public void SetPtes(IMmContext mm, ulong addr, PtePointer ptep, Pte pte, int nr) => inner.SetPtes(log.Wrap(mm), addr, ptep, pte, nr);

    public void SetPteAt(IMmContext mm, ulong addr, PtePointer ptep, Pte pte) => inner.SetPteAt(log.Wrap(mm), addr, ptep, pte);

    public Pte PtepGetAndClear(IMmContext mm, ulong addr, PtePointer ptep) => inner.PtepGetAndClear(log.Wrap(mm), addr, ptep);

    public Pte PtepGetAndClearFull(IMmContext mm, ulong addr, PtePointer ptep, bool full) =>
        inner.PtepGetAndClearFull(log.Wrap(mm), addr, ptep, full);

    public Pte GetAndClearFullPtes(IMmContext mm, ulong addr, PtePointer ptep, int nr, bool full) =>
        inner.GetAndClearFullPtes(log.Wrap(mm), addr, ptep, nr, full);

    public void ClearFullPtes(IMmContext mm, ulong addr, PtePointer ptep, int nr, bool full) =>
        inner.ClearFullPtes(log.Wrap(mm), addr, ptep, nr, full);

    public bool PtepTestAndClearYoung(IMmContext vma, ulong addr, PtePointer ptep) => inner.PtepTestAndClearYoung(log.Wrap(vma), addr, ptep);

    public bool PtepClearFlushYoung(IMmContext vma, ulong addr, PtePointer ptep) => inner.PtepClearFlushYoung(log.Wrap(vma), addr, ptep);

    public void PtepSetWrprotect(IMmContext mm, ulong addr, PtePointer ptep) => inner.PtepSetWrprotect(log.Wrap(mm), addr, ptep);

    public void WrprotectPtes(IMmContext mm, ulong addr, PtePointer ptep, int nr) => inner.WrprotectPtes(log.Wrap(mm), addr, ptep, nr);

    public bool PtepSetAccessFlags(IMmContext vma, ulong addr, PtePointer ptep, Pte entry, bool dirty) =>
        inner.PtepSetAccessFlags(log.Wrap(vma), addr, ptep, entry, dirty);

    public void ClearYoungDirtyPtes(IMmContext vma, ulong addr, PtePointer ptep, int nr, CydpFlags flags) =>
        inner.ClearYoungDirtyPtes(log.Wrap(vma), addr, ptep, nr, flags);

    public void MkoldCleanPtes(IMmContext vma, ulong addr, PtePointer ptep, int nr) => inner.MkoldCleanPtes(log.Wrap(vma), addr, ptep, nr);

    public int PteBatchHint(PtePointer ptep, Pte pte) => inner.PteBatchHint(ptep, pte);

    public Pte GetAndClearPtes(IMmContext mm, ulong addr, PtePointer ptep, int nr) => inner.GetAndClearPtes(log.Wrap(mm), addr, ptep, nr);

    public void ClearPtes(IMmContext mm, ulong addr, PtePointer ptep, int nr) => inner.ClearPtes(log.Wrap(mm), addr, ptep, nr);

    public bool ClearFlushYoungPtes(IMmContext vma, ulong addr, PtePointer ptep, int nr) => inner.ClearFlushYoungPtes(log.Wrap(vma), addr, ptep, nr);

    public bool TestAndClearYoungPtes(IMmContext vma, ulong addr, PtePointer ptep, int nr) => inner.TestAndClearYoungPtes(log.Wrap(vma), addr, ptep, nr);

    public Pte PtepModifyProtStart(IMmContext vma, ulong addr, PtePointer ptep) => inner.PtepModifyProtStart(log.Wrap(vma), addr, ptep);

    public void PtepModifyProtCommit(IMmContext vma, ulong addr, PtePointer ptep, Pte oldPte, Pte pte) =>
        inner.PtepModifyProtCommit(log.Wrap(vma), addr, ptep, oldPte, pte);

    public Pte ModifyProtStartPtes(IMmContext vma, ulong addr, PtePointer ptep, int nr) => inner.ModifyProtStartPtes(log.Wrap(vma), addr, ptep, nr);

    public void ModifyProtCommitPtes(IMmContext vma, ulong addr, PtePointer ptep, Pte oldPte, Pte pte, int nr) =>
        inner.ModifyProtCommitPtes(log.Wrap(vma), addr, ptep, oldPte, pte, nr);

    public void ClearNonpresentPtes(IMmContext mm, ulong addr, PtePointer ptep, int nr) => inner.ClearNonpresentPtes(log.Wrap(mm), addr, ptep, nr);

    public void UpdateMmuTlbRange(IMmContext vma, ulong addr, PtePointer ptep, int nr) => inner.UpdateMmuTlbRange(log.Wrap(vma), addr, ptep, nr);
}
