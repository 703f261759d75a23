using ArchPgtable.Contracts.Checking;
using ArchPgtable.Contracts.World;

namespace ArchPgtable.Contracts.Helpers;

/// <summary>
/// <c>clear_young_dirty_ptes(vma, addr, ptep, nr, flags)</c>: every entry of the range reports
/// not young / not dirty as the flags say and keeps everything else; outside the range only
/// young/dirty inside a block that contains an entry of the range may be cleared (never set);
/// no write outside that window; no fold or unfold.
/// </summary>
internal class ClearYoungDirtyPtesContract : HelperContract
{
    public override string Helper => "clear_young_dirty_ptes";

    public override string Member => nameof(IPageTableOps.ClearYoungDirtyPtes);

    public override CallShape Shape => CallShape.Batch;

    public override string Summary =>
        "each entry of R reports !young (CYDP_CLEAR_YOUNG) / !dirty (CYDP_CLEAR_DIRTY) and keeps present, pfn, write, attributes and the other flag; "
        + "outside R only young/dirty of entries in a block containing an entry of R may be cleared (never set); "
        + "no write outside R and those blocks; no fold/unfold; arch invariants hold; after the deferred flush no TLB entry grants a store without dirty";

    /// <summary>The flags the call clears.</summary>
    protected virtual CydpFlags FlagsOf(in ResolvedCall c) => c.Flags;

    public override CallResult Invoke(ContractWorld w, in ResolvedCall c)
    {
        w.Ops.ClearYoungDirtyPtes(w.Mm, w.Addr(c.Start), w.P(c.Start), c.Nr, c.Flags);
        return CallResult.None;
    }

    public override string Describe(ContractWorld w, in ResolvedCall c) =>
        $"clear_young_dirty_ptes({Range(w, c)}, flags={CydpName(c.Flags)})";

    public override void Check(CaseState s)
    {
        var flags = FlagsOf(s.Call);
        var young = (flags & CydpFlags.Young) != 0;
        var dirty = (flags & CydpFlags.Dirty) != 0;
        for (var i = s.Call.Start; i < s.Call.End; i++)
        {
            var b = s.Before(i);
            var a = s.After(i);
            if (!b.SameMapping(a))
            {
                s.Fail(i, "in the range: present/pfn/write/attributes changed");
            }

            if (young ? a.Young : a.Young != b.Young)
            {
                s.Fail(i, young ? "in the range, still reports young" : "in the range, young changed though only dirty was to be cleared");
            }

            if (dirty ? a.Dirty : a.Dirty != b.Dirty)
            {
                s.Fail(i, dirty ? "in the range, still reports dirty" : "in the range, dirty changed though only young was to be cleared");
            }
        }

        FrameChecks.Outside(s, young ? AdChange.MayClear : AdChange.Keep, dirty ? AdChange.MayClear : AdChange.Keep);
        FrameChecks.WritesInWindow(s);
        FrameChecks.FoldUnfold(s, 0, 0);
    }

    public override bool MayLose(CaseState s, int page, bool dirty) =>
        s.InWindow(page) && (FlagsOf(s.Call) & (dirty ? CydpFlags.Dirty : CydpFlags.Young)) != 0;

    /// <summary>The kernel spelling of a flags value.</summary>
    public static string CydpName(CydpFlags flags) => flags switch
    {
        CydpFlags.Young => "CYDP_CLEAR_YOUNG",
        CydpFlags.Dirty => "CYDP_CLEAR_DIRTY",
        _ => "CYDP_CLEAR_YOUNG|CYDP_CLEAR_DIRTY",
    };
}
