using System.Globalization;
using ArchPgtable.Contracts.Checking;
using ArchPgtable.Contracts.World;

namespace ArchPgtable.Contracts.Helpers;

/// <summary>
/// <c>clear_nonpresent_ptes(mm, addr, ptep, nr)</c>: the range holds non-present entries — swap slots, read / exclusive
/// / write migration entries, markers, and none (set up from a mapped range: cleared, flushed, then rewritten, as
/// reclaim, migration or a guard region would leave it). Every entry of the range becomes none; nothing else changes
/// its view; writes only in the range; no fold or unfold.
/// </summary>
internal sealed class ClearNonpresentPtesContract : HelperContract
{
    public override string Helper => "clear_nonpresent_ptes";

    public override string Member => nameof(IPageTableOps.ClearNonpresentPtes);

    public override CallShape Shape => CallShape.Batch;

    public override string Summary =>
        "on a range of swap, migration, marker and none entries: each entry of R becomes none; nothing outside R changes its view; "
        + "no write outside R; no fold/unfold; arch invariants hold";

    public override CallResult Invoke(ContractWorld w, in ResolvedCall c)
    {
        w.Ops.ClearNonpresentPtes(w.Mm, w.Addr(c.Start), w.P(c.Start), c.Nr);
        return CallResult.None;
    }

    public override string Describe(ContractWorld w, in ResolvedCall c) => $"clear_nonpresent_ptes({Range(w, c)})";

    /// <summary>Unmaps the range (clear_ptes, then a synchronous flush) and writes a non-present entry of a kind picked by the variant into each slot.</summary>
    protected override bool PrepareRange(ContractWorld w, ref ResolvedCall call, List<string>? log)
    {
        var f = w.Format;
        var addr = w.Addr(call.Start);
        var pfn0 = f.Pfn(w.Table.Peek(call.Start));
        w.Ops.ClearPtes(w.Mm, addr, w.P(call.Start), call.Nr);
        w.Mm.Tlb.FlushRange(addr, w.Addr(call.End), w.Geometry.PageSize, lastLevel: true, sync: true);
        for (var i = 0; i < call.Nr; i++)
        {
            var kind = (call.Variant + i) % 6;
            var entry = kind switch
            {
                0 => f.MkNonPresentEntry(NonPresentKind.Swap, 1 + (ulong)(call.Start + i)),
                1 => f.MkNonPresentEntry(NonPresentKind.MigrationRead, pfn0 + (ulong)i),
                2 => f.MkNonPresentEntry(NonPresentKind.MigrationReadExclusive, pfn0 + (ulong)i),
                3 => f.MkNonPresentEntry(NonPresentKind.MigrationWrite, pfn0 + (ulong)i),
                4 => f.MkNonPresentEntry(NonPresentKind.Marker, 1UL << (i % 3)),
                _ => Pte.None,
            };
            w.Table.Write(call.Start + i, entry);
        }

        log?.Add(string.Create(CultureInfo.InvariantCulture,
            $"clear_ptes({w.Where(call.Start)}, nr={call.Nr}); flush_tlb_range; then swap/migration/marker/none entries written"));
        return true;
    }

    public override void Check(CaseState s)
    {
        for (var i = s.Call.Start; i < s.Call.End; i++)
        {
            if (!s.After(i).Value.IsNone)
            {
                s.Fail(i, "in the range, not cleared to none");
            }
        }

        FrameChecks.Outside(s, AdChange.Keep, AdChange.Keep);
        FrameChecks.WritesInWindow(s);
        FrameChecks.FoldUnfold(s, 0, 0);
    }
}
