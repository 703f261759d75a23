using ArchPgtable.Contracts.Checking;
using ArchPgtable.Contracts.World;

namespace ArchPgtable.Contracts.Helpers;

/// <summary>
/// <c>ptep_set_access_flags(vma, addr, ptep, entry, dirty)</c>, with the entries the fault handler
/// passes (young; young+dirty on a write; young+dirty+write for a write-protect reuse; the entry
/// itself): afterwards the entry is at least as permissive as both its old view and
/// <c>entry</c>, and no more; it returns true whenever that is a change; a false return wrote
/// nothing; other entries may only gain young/dirty (up to <c>entry</c>'s) inside its block;
/// no fold, at most its block unfolds. Where hardware sets the access flag, a call with
/// dirty=0 may write nothing (x86).
/// </summary>
internal sealed class PtepSetAccessFlagsContract : HelperContract
{
    public override string Helper => "ptep_set_access_flags";

    public override string Member => nameof(IPageTableOps.PtepSetAccessFlags);

    public override CallShape Shape => CallShape.Single;

    public override string Summary =>
        "the entry ends exactly as permissive as the union of its old view and entry (young, dirty, write), keeping pfn and attributes; "
        + "returns true when that is a change, and a false return wrote nothing; other entries may only gain young/dirty up to entry's, inside its block; "
        + "no fold, at most its block unfolds; arch invariants hold";

    protected override Pte MakeEntry(ContractWorld w, int index, int variant, out bool dirty)
    {
        var f = w.Format;
        var view = w.Ops.PtepGet(w.P(index));
        switch (variant % 4)
        {
            case 0:
                dirty = false;
                return f.MkYoung(view);
            case 1:
                dirty = f.Write(view);
                return dirty ? f.MkDirty(f.MkYoung(view)) : f.MkYoung(view);
            case 2:
                dirty = true;
                return f.MkYoung(f.MkDirty(f.MkWrite(view)));
            default:
                dirty = false;
                return view;
        }
    }

    public override CallResult Invoke(ContractWorld w, in ResolvedCall c) =>
        CallResult.Of(w.Ops.PtepSetAccessFlags(w.Mm, w.Addr(c.Start), w.P(c.Start), c.Entry, c.Dirty));

    public override string Describe(ContractWorld w, in ResolvedCall c) =>
        $"ptep_set_access_flags({w.Where(c.Start)}, entry={w.Format.Describe(c.Entry)}, dirty={(c.Dirty ? 1 : 0)})";

    public override void Check(CaseState s)
    {
        var w = s.World;
        var p = s.Call.Start;
        var b = s.Before(p);
        var a = s.After(p);
        var e = PteView.Of(w.Format, s.Call.Entry, w.PrivateBits);
        if (!a.Present || a.Pfn != b.Pfn || (a.Attr != b.Attr && a.Attr != e.Attr))
        {
            s.Fail(p, "present/pfn/attributes changed");
        }

        Want(s, p, "write", a.Write, b.Write || e.Write);
        // x86: with dirty=0 the helper may leave the entry alone (the hardware sets the accessed bit
        // itself when the faulting access retries) — "if (changed && dirty) set_pte()".
        var leftToHardware = !s.Call.Dirty && w.Hardware.HardwareAccessFlag && s.Writes.Count == 0;
        if (!leftToHardware)
        {
            Want(s, p, "young", a.Young, b.Young || e.Young);
        }
        Want(s, p, "dirty", a.Dirty, b.Dirty || e.Dirty);
        var grows = (e.Write && !b.Write) || (e.Young && !b.Young) || (e.Dirty && !b.Dirty);
        if (grows && !s.Result.Flag)
        {
            s.Fail(p, "entry grants more than the old view, yet the helper returned 0");
        }

        if (!s.Result.Flag && s.Writes.Count > 0)
        {
            s.Fail(p, $"returned 0 but made {s.Writes.Count} write(s)");
        }

        FrameChecks.Outside(s, e.Young ? AdChange.MayGain : AdChange.Keep, e.Dirty ? AdChange.MayGain : AdChange.Keep);
        FrameChecks.WritesInWindow(s);
        FrameChecks.FoldUnfold(s, 0, 1);
    }

    private static void Want(CaseState s, int p, string what, bool actual, bool expected)
    {
        if (actual != expected)
        {
            s.Fail(p, $"{what} is {(actual ? "set" : "clear")}, expected {(expected ? "set" : "clear")} (the union of the old view and entry)");
        }
    }
}
