using ArchPgtable.Contracts.Checking;
using ArchPgtable.Contracts.World;

namespace ArchPgtable.Contracts.Helpers;

/// <summary>
/// <c>ptep_test_and_clear_young(vma, addr, ptep)</c> (and, with <see cref="Flush"/>,
/// <c>ptep_clear_flush_young()</c>): returns whether the entry was young; afterwards it reports
/// old and keeps everything else (dirty above all); other entries may only lose young, and only
/// inside the entry's block; writes only there; no fold or unfold.
/// </summary>
internal sealed class PtepTestAndClearYoungContract(bool flush) : HelperContract
{
    public bool Flush => flush;

    public override string Helper => flush ? "ptep_clear_flush_young" : "ptep_test_and_clear_young";

    public override string Member => flush ? nameof(IPageTableOps.PtepClearFlushYoung) : nameof(IPageTableOps.PtepTestAndClearYoung);

    public override CallShape Shape => CallShape.Single;

    public override string Summary =>
        "returns whether ptep_get() reported young; the entry then reports old and keeps present, pfn, write, attributes and dirty; "
        + "other entries may only lose young, and only inside the entry's block; no fold/unfold; arch invariants hold";

    public override CallResult Invoke(ContractWorld w, in ResolvedCall c) => CallResult.Of(flush
        ? w.Ops.PtepClearFlushYoung(w.Mm, w.Addr(c.Start), w.P(c.Start))
        : w.Ops.PtepTestAndClearYoung(w.Mm, w.Addr(c.Start), w.P(c.Start)));

    public override string Describe(ContractWorld w, in ResolvedCall c) => $"{Helper}({w.Where(c.Start)})";

    public override void Check(CaseState s)
    {
        var p = s.Call.Start;
        var b = s.Before(p);
        var a = s.After(p);
        if (s.Result.Flag != b.Young)
        {
            s.Fail(p, $"returned {(s.Result.Flag ? 1 : 0)} but ptep_get() reported {(b.Young ? "young" : "old")}");
        }

        if (a.Young)
        {
            s.Fail(p, "still reports young");
        }

        if (!b.SameMapping(a))
        {
            s.Fail(p, "present/pfn/write/attributes changed");
        }

        FrameChecks.Ad(s, p, "dirty", b.Dirty, a.Dirty, AdChange.Keep);
        FrameChecks.Outside(s, AdChange.MayClear, AdChange.Keep);
        FrameChecks.WritesInWindow(s);
        FrameChecks.FoldUnfold(s, 0, 0);
    }

    public override bool Carries(CaseState s, int page, bool dirty) => !dirty && s.InWindow(page) && s.Result.Flag;
}
