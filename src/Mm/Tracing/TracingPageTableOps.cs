namespace ArchPgtable.Mm.Tracing;

/// <summary>
/// Records every helper call as a span named after the kernel helper, with its arguments and return
/// value; while the helper runs, the PTE table it works on reports each raw access to the recorder and
/// the mm it is given reports TLB flushes, folds and unfolds.
/// </summary>
/// <remarks>Kernel: what the function-graph tracer shows for the pgtable.h helpers.</remarks>
internal sealed class TracingPageTableOps(IPageTableOps inner, TraceRecorder recorder, string? agent = null) : PageTableOpsDecorator(inner)
{
    private const string Category = "helper";
    private IMmContext? _lastMm;
    private IMmContext? _lastWrapped;

    public override Pte PtepGet(PtePointer ptep) =>
        Call("ptep_get", ptep, [Ptep(ptep)], () => Inner.PtepGet(ptep), RetPte);

    public override Pte PtepGetLockless(PtePointer ptep) =>
        Call("ptep_get_lockless", ptep, [Ptep(ptep)], () => Inner.PtepGetLockless(ptep), RetPte);

    public override void SetPtes(IMmContext mm, ulong addr, PtePointer ptep, Pte pte, int nr) =>
        Call("set_ptes", ptep, [Addr(addr), Ptep(ptep), PteArg("pte", pte), Nr(nr)], () => Inner.SetPtes(Wrap(mm), addr, ptep, pte, nr));

    public override void SetPteAt(IMmContext mm, ulong addr, PtePointer ptep, Pte pte) =>
        Call("set_pte_at", ptep, [Addr(addr), Ptep(ptep), PteArg("pte", pte)], () => Inner.SetPteAt(Wrap(mm), addr, ptep, pte));

    public override Pte PtepGetAndClear(IMmContext mm, ulong addr, PtePointer ptep) =>
        Call("ptep_get_and_clear", ptep, [Addr(addr), Ptep(ptep)], () => Inner.PtepGetAndClear(Wrap(mm), addr, ptep), RetPte);

    public override Pte PtepGetAndClearFull(IMmContext mm, ulong addr, PtePointer ptep, bool full) =>
        Call("ptep_get_and_clear_full", ptep, [Addr(addr), Ptep(ptep), TraceArg.Flag("full", full)],
            () => Inner.PtepGetAndClearFull(Wrap(mm), addr, ptep, full), RetPte);

    public override Pte GetAndClearFullPtes(IMmContext mm, ulong addr, PtePointer ptep, int nr, bool full) =>
        Call("get_and_clear_full_ptes", ptep, [Addr(addr), Ptep(ptep), Nr(nr), TraceArg.Flag("full", full)],
            () => Inner.GetAndClearFullPtes(Wrap(mm), addr, ptep, nr, full), RetPte);

    public override void ClearFullPtes(IMmContext mm, ulong addr, PtePointer ptep, int nr, bool full) =>
        Call("clear_full_ptes", ptep, [Addr(addr), Ptep(ptep), Nr(nr), TraceArg.Flag("full", full)],
            () => Inner.ClearFullPtes(Wrap(mm), addr, ptep, nr, full));

    public override bool PtepTestAndClearYoung(IMmContext vma, ulong addr, PtePointer ptep) =>
        Call("ptep_test_and_clear_young", ptep, [Addr(addr), Ptep(ptep)], () => Inner.PtepTestAndClearYoung(Wrap(vma), addr, ptep), RetBool);

    public override bool PtepClearFlushYoung(IMmContext vma, ulong addr, PtePointer ptep) =>
        Call("ptep_clear_flush_young", ptep, [Addr(addr), Ptep(ptep)], () => Inner.PtepClearFlushYoung(Wrap(vma), addr, ptep), RetBool);

    public override void PtepSetWrprotect(IMmContext mm, ulong addr, PtePointer ptep) =>
        Call("ptep_set_wrprotect", ptep, [Addr(addr), Ptep(ptep)], () => Inner.PtepSetWrprotect(Wrap(mm), addr, ptep));

    public override void WrprotectPtes(IMmContext mm, ulong addr, PtePointer ptep, int nr) =>
        Call("wrprotect_ptes", ptep, [Addr(addr), Ptep(ptep), Nr(nr)], () => Inner.WrprotectPtes(Wrap(mm), addr, ptep, nr));

    public override bool PtepSetAccessFlags(IMmContext vma, ulong addr, PtePointer ptep, Pte entry, bool dirty) =>
        Call("ptep_set_access_flags", ptep, [Addr(addr), Ptep(ptep), PteArg("entry", entry), TraceArg.Flag("dirty", dirty)],
            () => Inner.PtepSetAccessFlags(Wrap(vma), addr, ptep, entry, dirty), RetBool);

    public override void ClearYoungDirtyPtes(IMmContext vma, ulong addr, PtePointer ptep, int nr, CydpFlags flags) =>
        Call("clear_young_dirty_ptes", ptep, [Addr(addr), Ptep(ptep), Nr(nr), TraceArg.Text("flags", Flags(flags))],
            () => Inner.ClearYoungDirtyPtes(Wrap(vma), addr, ptep, nr, flags));

    public override void MkoldCleanPtes(IMmContext vma, ulong addr, PtePointer ptep, int nr) =>
        Call("mkold_clean_ptes", ptep, [Addr(addr), Ptep(ptep), Nr(nr)], () => Inner.MkoldCleanPtes(Wrap(vma), addr, ptep, nr));

    public override int PteBatchHint(PtePointer ptep, Pte pte) =>
        Call("pte_batch_hint", ptep, [Ptep(ptep), PteArg("pte", pte)], () => Inner.PteBatchHint(ptep, pte), n => [TraceArg.Number("ret", n)]);

    public override Pte GetAndClearPtes(IMmContext mm, ulong addr, PtePointer ptep, int nr) =>
        Call("get_and_clear_ptes", ptep, [Addr(addr), Ptep(ptep), Nr(nr)], () => Inner.GetAndClearPtes(Wrap(mm), addr, ptep, nr), RetPte);

    public override void ClearPtes(IMmContext mm, ulong addr, PtePointer ptep, int nr) =>
        Call("clear_ptes", ptep, [Addr(addr), Ptep(ptep), Nr(nr)], () => Inner.ClearPtes(Wrap(mm), addr, ptep, nr));

    public override bool ClearFlushYoungPtes(IMmContext vma, ulong addr, PtePointer ptep, int nr) =>
        Call("clear_flush_young_ptes", ptep, [Addr(addr), Ptep(ptep), Nr(nr)], () => Inner.ClearFlushYoungPtes(Wrap(vma), addr, ptep, nr), RetBool);

    public override bool TestAndClearYoungPtes(IMmContext vma, ulong addr, PtePointer ptep, int nr) =>
        Call("test_and_clear_young_ptes", ptep, [Addr(addr), Ptep(ptep), Nr(nr)], () => Inner.TestAndClearYoungPtes(Wrap(vma), addr, ptep, nr), RetBool);

    public override Pte PtepModifyProtStart(IMmContext vma, ulong addr, PtePointer ptep) =>
        Call("ptep_modify_prot_start", ptep, [Addr(addr), Ptep(ptep)], () => Inner.PtepModifyProtStart(Wrap(vma), addr, ptep), RetPte);

    public override void PtepModifyProtCommit(IMmContext vma, ulong addr, PtePointer ptep, Pte oldPte, Pte pte) =>
        Call("ptep_modify_prot_commit", ptep, [Addr(addr), Ptep(ptep), PteArg("old_pte", oldPte), PteArg("pte", pte)],
            () => Inner.PtepModifyProtCommit(Wrap(vma), addr, ptep, oldPte, pte));

    public override Pte ModifyProtStartPtes(IMmContext vma, ulong addr, PtePointer ptep, int nr) =>
        Call("modify_prot_start_ptes", ptep, [Addr(addr), Ptep(ptep), Nr(nr)], () => Inner.ModifyProtStartPtes(Wrap(vma), addr, ptep, nr), RetPte);

    public override void ModifyProtCommitPtes(IMmContext vma, ulong addr, PtePointer ptep, Pte oldPte, Pte pte, int nr) =>
        Call("modify_prot_commit_ptes", ptep, [Addr(addr), Ptep(ptep), PteArg("old_pte", oldPte), PteArg("pte", pte), Nr(nr)],
            () => Inner.ModifyProtCommitPtes(Wrap(vma), addr, ptep, oldPte, pte, nr));

    public override void ClearNonpresentPtes(IMmContext mm, ulong addr, PtePointer ptep, int nr) =>
        Call("clear_nonpresent_ptes", ptep, [Addr(addr), Ptep(ptep), Nr(nr)], () => Inner.ClearNonpresentPtes(Wrap(mm), addr, ptep, nr));

    public override void UpdateMmuTlbRange(IMmContext vma, ulong addr, PtePointer ptep, int nr) =>
        Call("update_mmu_tlb_range", ptep, [Addr(addr), Ptep(ptep), Nr(nr)], () => Inner.UpdateMmuTlbRange(Wrap(vma), addr, ptep, nr));

    /// <summary>CYDP_CLEAR_YOUNG|CYDP_CLEAR_DIRTY, as the kernel spells the flags.</summary>
    internal static string Flags(CydpFlags flags) => flags switch
    {
        CydpFlags.None => "0",
        CydpFlags.Young => "CYDP_CLEAR_YOUNG",
        CydpFlags.Dirty => "CYDP_CLEAR_DIRTY",
        CydpFlags.Young | CydpFlags.Dirty => "CYDP_CLEAR_YOUNG|CYDP_CLEAR_DIRTY",
        _ => ((int)flags).ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private static TraceArg Addr(ulong addr) => TraceArg.Hex("addr", addr);

    private static TraceArg Nr(int nr) => TraceArg.Number("nr", nr);

    private static TraceArg Ptep(PtePointer ptep) => TraceArg.Number("ptep", ptep.Table is null ? -1 : ptep.Index);

    private TraceArg PteArg(string name, Pte pte) => TraceArg.Text(name, Describe(pte));

    private TraceArg[] RetPte(Pte pte) => [TraceArg.Text("ret", Describe(pte))];

    private static TraceArg[] RetBool(bool b) => [TraceArg.Flag("ret", b)];

    private string Describe(Pte pte) =>
        System.FormattableString.Invariant($"0x{pte.Value:x} ({Inner.Format.Describe(pte)})");

    private IMmContext Wrap(IMmContext mm)
    {
        if (ReferenceEquals(mm, _lastMm))
        {
            return _lastWrapped!;
        }

        _lastMm = mm;
        _lastWrapped = mm is null ? null : new TracingMmContext(mm, recorder);
        return _lastWrapped!;
    }

    private void Call(string name, PtePointer ptep, TraceArg[] args, Action body) =>
        Call(name, ptep, args, () =>
        {
            body();
            return true;
        }, static _ => []);

    private T Call<T>(string name, PtePointer ptep, TraceArg[] args, Func<T> body, Func<T, TraceArg[]> ret)
    {
        if (agent is not null)
        {
            recorder.Agent = agent;
        }

        recorder.Begin(name, Category, args);
        var table = ptep.Table;
        var previous = table?.Observer;
        if (table is not null)
        {
            table.Observer = new TracingPteObserver(recorder, previous, Inner.Geometry.PageShift);
        }

        var done = false;
        var result = default(T)!;
        try
        {
            result = body();
            done = true;
            return result;
        }
        finally
        {
            if (table is not null)
            {
                table.Observer = previous;
            }

            recorder.End(name, Category, done ? ret(result) : [TraceArg.Text("ret", "exception")]);
        }
    }
}
