using ArchPgtable.Contracts.Checking;
using ArchPgtable.Contracts.World;

namespace ArchPgtable.Contracts.Helpers;

/// <summary>
/// <c>test_and_clear_young_ptes(vma, addr, ptep, nr)</c> (and, with <see cref="Flush"/>, <c>clear_flush_young_ptes()</c>):
/// returns whether any entry of the range was young; afterwards every entry of the range reports old and keeps its
/// mapping and dirty; other entries may only lose young, and only inside the blocks the range touches; writes only
/// there; no fold or unfold.
/// </summary>
internal sealed class TestAndClearYoungPtesContract(bool flush) : HelperContract
{
    public bool Flush => flush;

    public override string Helper => flush ? "clear_flush_young_ptes" : "test_and_clear_young_ptes";

    public override string Member => flush ? nameof(IPageTableOps.ClearFlushYoungPtes) : nameof(IPageTableOps.TestAndClearYoungPtes);

    public override CallShape Shape => CallShape.Batch;

    public override string Summary =>
        "returns whether ptep_get() reported any entry of R young; each entry of R then reports old and keeps present, pfn, write, attributes and dirty; "
        + "other entries may only lose young, and only inside the blocks R touches; no fold/unfold; arch invariants hold";

    public override CallResult Invoke(ContractWorld w, in ResolvedCall c) => CallResult.Of(flush
        ? w.Ops.ClearFlushYoungPtes(w.Mm, w.Addr(c.Start), w.P(c.Start), c.Nr)
        : w.Ops.TestAndClearYoungPtes(w.Mm, w.Addr(c.Start), w.P(c.Start), c.Nr));

    public override string Describe(ContractWorld w, in ResolvedCall c) => $"{Helper}({Range(w, c)})";

    public override void Check(CaseState s)
    {
        var anyYoung = false;
        for (var i = s.Call.Start; i < s.Call.End; i++)
        {
            var b = s.Before(i);
            var a = s.After(i);
            anyYoung |= b.Young;
            if (a.Young)
            {
                s.Fail(i, "in the range, still reports young");
            }

            if (!b.SameMapping(a))
            {
                s.Fail(i, "in the range: present/pfn/write/attributes changed");
            }

            FrameChecks.Ad(s, i, "dirty", b.Dirty, a.Dirty, AdChange.Keep);
        }

        if (s.Result.Flag != anyYoung)
        {
            s.Fail($"returned {(s.Result.Flag ? 1 : 0)} but ptep_get() reported {(anyYoung ? "a young entry" : "no young entry")} in the range");
        }

        FrameChecks.Outside(s, AdChange.MayClear, AdChange.Keep);
        FrameChecks.WritesInWindow(s);
        FrameChecks.FoldUnfold(s, 0, 0);
    }

    public override bool Carries(CaseState s, int page, bool dirty) => !dirty && s.InWindow(page) && s.Result.Flag;
}
