using ArchPgtable.Contracts.Checking;
using ArchPgtable.Contracts.World;

namespace ArchPgtable.Contracts.Helpers;

/// <summary>
/// <c>modify_prot_start_ptes(vma, addr, ptep, nr)</c> (and, single, <c>ptep_modify_prot_start()</c>): the start of a
/// protection change. Every entry of the range is cleared (so no hardware update can land in it until the commit) and
/// the result is the first entry's old mapping with young and dirty OR-ed over the range; otherwise as
/// <c>clear_full_ptes</c>.
/// </summary>
internal sealed class ModifyProtStartContract(bool single) : ClearFullPtesContract
{
    public override string Helper => single ? "ptep_modify_prot_start" : "modify_prot_start_ptes";

    public override string Member => single ? nameof(IPageTableOps.PtepModifyProtStart) : nameof(IPageTableOps.ModifyProtStartPtes);

    public override CallShape Shape => single ? CallShape.Single : CallShape.Batch;

    public override string Summary =>
        "each entry of R becomes none; the result is entry 0's old mapping with young/dirty OR-ed over R; nothing outside R changes its view; "
        + "no fold, at most one unfold per block R touches (the default starts entry by entry); after the deferred flush no TLB entry maps R";

    protected override bool ReturnsAd => true;

    public override CallResult Invoke(ContractWorld w, in ResolvedCall c) => CallResult.Of(single
        ? w.Ops.PtepModifyProtStart(w.Mm, w.Addr(c.Start), w.P(c.Start))
        : w.Ops.ModifyProtStartPtes(w.Mm, w.Addr(c.Start), w.P(c.Start), c.Nr));

    public override string Describe(ContractWorld w, in ResolvedCall c) =>
        single ? $"ptep_modify_prot_start({w.Where(c.Start)})" : $"modify_prot_start_ptes({Range(w, c)})";

    protected override void CheckResult(CaseState s) => ReturnedPte.Check(s, s.Call.Start, s.Call.End);

    /// <summary>
    /// One unfold per block the range touches: the pgtable.h default starts entry by entry (ptep_modify_prot_start() →
    /// ptep_get_and_clear()), which unfolds every contiguous block it meets, as Linux 6.12's arm64 does; an arch batch
    /// (mainline arm64's get_and_clear_ptes()) unfolds only the partially covered end blocks.
    /// </summary>
    protected override int MaxUnfoldsFor(CaseState s)
    {
        var c = s.World.Geometry.ContPtes;
        return Math.Max(MaxUnfolds, ((s.Call.End - 1) / c) - (s.Call.Start / c) + 1);
    }
}
