using ArchPgtable.Contracts.Checking;
using ArchPgtable.Contracts.World;

namespace ArchPgtable.Contracts.Helpers;

/// <summary>
/// <c>clear_full_ptes(mm, addr, ptep, nr, full)</c>: every entry of the range becomes none;
/// nothing outside it changes its view; writes only in the window; no fold, at most the two
/// partially covered end blocks unfold.
/// </summary>
internal class ClearFullPtesContract : HelperContract
{
    public override string Helper => "clear_full_ptes";

    public override string Member => nameof(IPageTableOps.ClearFullPtes);

    public override CallShape Shape => CallShape.Batch;

    public override string Summary =>
        "each entry of R becomes none; nothing outside R changes its view; no write outside R and the blocks it touches; "
        + "no fold, at most one unfold per partially covered end block; arch invariants hold; after the deferred flush no TLB entry maps R";

    /// <summary>Unfolds allowed.</summary>
    protected virtual int MaxUnfolds => 2;

    public override CallResult Invoke(ContractWorld w, in ResolvedCall c)
    {
        w.Ops.ClearFullPtes(w.Mm, w.Addr(c.Start), w.P(c.Start), c.Nr, c.Full);
        return CallResult.None;
    }

    public override string Describe(ContractWorld w, in ResolvedCall c) => $"clear_full_ptes({Range(w, c)}, full={(c.Full ? 1 : 0)})";

    public override void Check(CaseState s)
    {
        for (var i = s.Call.Start; i < s.Call.End; i++)
        {
            if (!s.After(i).Value.IsNone)
            {
                s.Fail(i, "in the range, not cleared to none");
            }
        }

        CheckResult(s);
        FrameChecks.Outside(s, AdChange.Keep, AdChange.Keep);
        FrameChecks.WritesInWindow(s);
        FrameChecks.FoldUnfold(s, 0, MaxUnfoldsFor(s));
    }

    /// <summary>Unfolds allowed in this case (default <see cref="MaxUnfolds"/>).</summary>
    protected virtual int MaxUnfoldsFor(CaseState s) => MaxUnfolds;

    /// <summary>Checks the return value, for the helpers that have one.</summary>
    protected virtual void CheckResult(CaseState s)
    {
    }

    public override bool MayLose(CaseState s, int page, bool dirty) => s.Call.Contains(page) && !ReturnsAd;

    public override bool Carries(CaseState s, int page, bool dirty) =>
        ReturnsAd && s.Call.Contains(page) && (dirty ? s.World.Format.Dirty(s.Result.Pte) : s.World.Format.Young(s.Result.Pte));

    /// <summary>True for the helpers whose return value carries the cleared entries' young/dirty.</summary>
    protected virtual bool ReturnsAd => false;
}
