using ArchPgtable.Contracts.Checking;
using ArchPgtable.Contracts.World;

namespace ArchPgtable.Contracts.Helpers;

/// <summary>
/// <c>set_ptes(mm, addr, ptep, pte, nr)</c> on none entries (and, with <see cref="Single"/>,
/// <c>set_pte_at()</c> of an entry just cleared: the refold path): entry i reports pte with its
/// PFN advanced by i, pte's write and attributes, and at least pte's young/dirty (more only from
/// its block's old entries when a fold smears A/D); entries outside the range keep their mapping
/// and never lose young/dirty; writes only in the window (blocks after the call included); no
/// unfold; a fold only for set_pte_at.
/// </summary>
internal sealed class SetPtesContract(bool single) : HelperContract
{
    public bool Single => single;

    public override string Helper => single ? "set_pte_at" : "set_ptes";

    public override string Member => single ? nameof(IPageTableOps.SetPteAt) : nameof(IPageTableOps.SetPtes);

    public override CallShape Shape => single ? CallShape.Reset : CallShape.NewMapping;

    public override bool WindowIncludesAfterBlocks => true;

    public override string Summary =>
        "entry i of R reports pte's pfn + i, write and attributes, and pte's young/dirty (plus only what a fold gathers from its block); "
        + "outside R entries keep their mapping and never lose young/dirty; no write outside R and its blocks; "
        + (single ? "at most one fold, no unfold" : "no fold or unfold") + "; arch invariants hold";

    public override CallResult Invoke(ContractWorld w, in ResolvedCall c)
    {
        if (single)
        {
            w.Ops.SetPteAt(w.Mm, w.Addr(c.Start), w.P(c.Start), c.Entry);
        }
        else
        {
            w.Ops.SetPtes(w.Mm, w.Addr(c.Start), w.P(c.Start), c.Entry, c.Nr);
        }

        return CallResult.None;
    }

    public override string Describe(ContractWorld w, in ResolvedCall c) => single
        ? $"set_pte_at({w.Where(c.Start)}, {w.Format.Describe(c.Entry)})"
        : $"set_ptes({Range(w, c)}, pte={w.Format.Describe(c.Entry)})";

    public override void Check(CaseState s)
    {
        var w = s.World;
        var e = PteView.Of(w.Format, s.Call.Entry, w.PrivateBits);
        for (var i = s.Call.Start; i < s.Call.End; i++)
        {
            var a = s.After(i);
            if (!a.Present || a.Pfn != e.Pfn + (ulong)(i - s.Call.Start) || a.Write != e.Write || a.Attr != e.Attr)
            {
                s.Fail(i, $"does not map pte {e.Short()} advanced by {i - s.Call.Start}");
            }

            var (young, dirty) = Gathered(s, i);
            if ((e.Young && !a.Young) || (a.Young && !e.Young && !young))
            {
                s.Fail(i, $"young is {(a.Young ? "set" : "clear")}; pte says {(e.Young ? "young" : "old")} and its block held {(young ? "young" : "no young")} entries");
            }

            if ((e.Dirty && !a.Dirty) || (a.Dirty && !e.Dirty && !dirty))
            {
                s.Fail(i, $"dirty is {(a.Dirty ? "set" : "clear")}; pte says {(e.Dirty ? "dirty" : "clean")} and its block held {(dirty ? "dirty" : "no dirty")} entries");
            }
        }

        FrameChecks.Outside(s, AdChange.MayGain, AdChange.MayGain);
        FrameChecks.WritesInWindow(s);
        FrameChecks.FoldUnfold(s, single ? 1 : 0, 0);
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
