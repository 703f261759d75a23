using System.Globalization;
using ArchPgtable.Contracts.Checking;
using ArchPgtable.Contracts.World;

namespace ArchPgtable.Contracts.Helpers;

/// <summary>
/// <c>modify_prot_commit_ptes(vma, addr, ptep, old_pte, pte, nr)</c> (and, single, <c>ptep_modify_prot_commit()</c>):
/// the range was started with <c>modify_prot_start_ptes()</c> just before (so it is cleared) and <c>pte</c> is the
/// started value changed as mprotect() would (kept, write-protected, made writable, or made clean and read-only).
/// Afterwards entry i reports <c>pte</c> with its PFN advanced by i — write, young and dirty included: a commit that
/// drops a bit of <c>pte</c> loses state core mm handed it. More young/dirty only where a refold (nr = 1) smeared its
/// block's, as <c>set_ptes()</c> may; outside the range only such a smear; writes only in the window; at most one fold
/// per block the range touches (the default commits entry by entry through <c>set_pte_at()</c>), no unfold.
/// </summary>
internal sealed class ModifyProtCommitContract(bool single) : HelperContract
{
    public override string Helper => single ? "ptep_modify_prot_commit" : "modify_prot_commit_ptes";

    public override string Member => single ? nameof(IPageTableOps.PtepModifyProtCommit) : nameof(IPageTableOps.ModifyProtCommitPtes);

    public override CallShape Shape => single ? CallShape.Single : CallShape.Batch;

    public override bool WindowIncludesAfterBlocks => true;

    public override string Summary =>
        "after the start cleared R, entry i of R reports pte advanced by i (present, pfn, write, attributes, at least its young and dirty; "
        + "more only from a refold's smear of its block); outside R only that smear; no write outside R and the blocks it touches; at most one fold per block R touches, no unfold; arch invariants hold";

    public override CallResult Invoke(ContractWorld w, in ResolvedCall c)
    {
        if (single)
        {
            w.Ops.PtepModifyProtCommit(w.Mm, w.Addr(c.Start), w.P(c.Start), c.OldEntry, c.Entry);
        }
        else
        {
            w.Ops.ModifyProtCommitPtes(w.Mm, w.Addr(c.Start), w.P(c.Start), c.OldEntry, c.Entry, c.Nr);
        }

        return CallResult.None;
    }

    public override string Describe(ContractWorld w, in ResolvedCall c) => single
        ? $"ptep_modify_prot_commit({w.Where(c.Start)}, old_pte={w.Format.Describe(c.OldEntry)}, pte={w.Format.Describe(c.Entry)})"
        : $"modify_prot_commit_ptes({Range(w, c)}, old_pte={w.Format.Describe(c.OldEntry)}, pte={w.Format.Describe(c.Entry)})";

    /// <summary>Runs the start on the range (as change_pte_range() does) and derives the new value from what it returned.</summary>
    protected override bool PrepareRange(ContractWorld w, ref ResolvedCall call, List<string>? log)
    {
        var f = w.Format;
        var addr = w.Addr(call.Start);
        var old = single ? w.Ops.PtepModifyProtStart(w.Mm, addr, w.P(call.Start)) : w.Ops.ModifyProtStartPtes(w.Mm, addr, w.P(call.Start), call.Nr);
        var pte = (call.Variant & 3) switch
        {
            1 => f.WrProtect(old),
            2 => f.MkWrite(old),
            3 => f.WrProtect(f.MkClean(old)),
            _ => old,
        };
        log?.Add(string.Create(CultureInfo.InvariantCulture,
            $"{(single ? "ptep_modify_prot_start" : "modify_prot_start_ptes")}({w.Where(call.Start)}, nr={call.Nr}) returned {f.Describe(old)}; new pte {f.Describe(pte)}"));
        call = call with { Entry = pte, OldEntry = old };
        return true;
    }

    public override void Check(CaseState s)
    {
        var w = s.World;
        for (var i = s.Call.Start; i < s.Call.End; i++)
        {
            var expected = PteView.Of(w.Format, w.Format.AdvancePfn(s.Call.Entry, i - s.Call.Start), w.PrivateBits);
            var a = s.After(i);

            // A refold (nr = 1) smears the block's gathered young/dirty over it, as set_ptes() may: more A/D than
            // committed only where the block already held it; never less than committed.
            var (young, dirty) = Gathered(s, i);
            if (!a.SameMapping(expected) || (expected.Young && !a.Young) || (expected.Dirty && !a.Dirty)
                || (a.Young && !expected.Young && !young) || (a.Dirty && !expected.Dirty && !dirty))
            {
                s.Fail(i, $"in the range, does not report the committed {expected.Short()}");
            }
        }

        FrameChecks.Outside(s, AdChange.MayGain, AdChange.MayGain);
        FrameChecks.WritesInWindow(s);
        // A commit entry by entry (the pgtable.h default: ptep_modify_prot_commit() → set_pte_at() per entry) may refold
        // each block the range touches once.
        var c = s.World.Geometry.ContPtes;
        FrameChecks.FoldUnfold(s, ((s.Call.End - 1) / c) - (s.Call.Start / c) + 1, 0);
    }

    private static (bool Young, bool Dirty) Gathered(CaseState s, int index)
    {
        var (start, count) = s.World.BlockOf(index);
        var young = false;
        var dirty = false;
        for (var k = Math.Max(start, s.RegionStart); k < Math.Min(start + count, s.RegionEnd); k++)
        {
            young |= s.Before(k).Young;
            dirty |= s.Before(k).Dirty;
        }

        return (young, dirty);
    }
}
