using ArchPgtable.Contracts.Checking;
using ArchPgtable.Contracts.World;

namespace ArchPgtable.Contracts.Helpers;

/// <summary>
/// <c>wrprotect_ptes(mm, addr, ptep, nr)</c>: every entry of the range reports !write and keeps
/// young, dirty (dirtiness is preserved), pfn and attributes; nothing outside the range changes
/// its view (an unfolded end block keeps its entries' views); writes only in the window; no fold,
/// at most the two partially covered end blocks unfold.
/// </summary>
internal class WrprotectPtesContract : HelperContract
{
    public override string Helper => "wrprotect_ptes";

    public override string Member => nameof(IPageTableOps.WrprotectPtes);

    public override CallShape Shape => CallShape.Batch;

    public override string Summary =>
        "each entry of R reports !write and keeps present, pfn, attributes, young and dirty; nothing outside R changes its view; "
        + "no write outside R and the blocks it touches; no fold, at most one unfold per partially covered end block; arch invariants hold; "
        + "after the deferred flush no TLB entry grants a store";

    /// <summary>Unfolds allowed (the two partially covered end blocks of a batch).</summary>
    protected virtual int MaxUnfolds => 2;

    public override CallResult Invoke(ContractWorld w, in ResolvedCall c)
    {
        w.Ops.WrprotectPtes(w.Mm, w.Addr(c.Start), w.P(c.Start), c.Nr);
        return CallResult.None;
    }

    public override string Describe(ContractWorld w, in ResolvedCall c) => $"wrprotect_ptes({Range(w, c)})";

    public override void Check(CaseState s)
    {
        for (var i = s.Call.Start; i < s.Call.End; i++)
        {
            var b = s.Before(i);
            var a = s.After(i);
            if (a.Write)
            {
                s.Fail(i, "in the range, still writable");
            }

            if (!a.Present || a.Pfn != b.Pfn || a.Attr != b.Attr)
            {
                s.Fail(i, "in the range: present/pfn/attributes changed");
            }

            FrameChecks.Ad(s, i, "young", b.Young, a.Young, AdChange.Keep);
            FrameChecks.Ad(s, i, "dirty", b.Dirty, a.Dirty, AdChange.Keep);
        }

        FrameChecks.Outside(s, AdChange.Keep, AdChange.Keep);
        FrameChecks.WritesInWindow(s);
        FrameChecks.FoldUnfold(s, 0, MaxUnfolds);
    }
}
