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
        + "no fold, at most one unfold per partially covered end block; after the deferred flush no TLB entry maps R";

    protected override bool ReturnsAd => true;

    public override CallResult Invoke(ContractWorld w, in ResolvedCall c) => CallResult.Of(single
        ? w.Ops.PtepModifyProtStart(w.Mm, w.Addr(c.Start), w.P(c.Start))
        : w.Ops.ModifyProtStartPtes(w.Mm, w.Addr(c.Start), w.P(c.Start), c.Nr));

    public override string Describe(ContractWorld w, in ResolvedCall c) =>
        single ? $"ptep_modify_prot_start({w.Where(c.Start)})" : $"modify_prot_start_ptes({Range(w, c)})";

    protected override void CheckResult(CaseState s) => ReturnedPte.Check(s, s.Call.Start, s.Call.End);
}
