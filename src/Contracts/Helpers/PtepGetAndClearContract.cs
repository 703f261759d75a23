using ArchPgtable.Contracts.Checking;
using ArchPgtable.Contracts.World;

namespace ArchPgtable.Contracts.Helpers;

/// <summary>
/// <c>ptep_get_and_clear(mm, addr, ptep)</c> (and, with <see cref="Full"/>, <c>ptep_get_and_clear_full()</c>):
/// the entry becomes none and the old core-mm view (A/D gathered) is returned; nothing else
/// changes its view; writes only in the entry's block; no fold, at most its block unfolds.
/// </summary>
internal sealed class PtepGetAndClearContract(bool full) : ClearFullPtesContract
{
    public bool Full => full;

    public override string Helper => full ? "ptep_get_and_clear_full" : "ptep_get_and_clear";

    public override string Member => full ? nameof(IPageTableOps.PtepGetAndClearFull) : nameof(IPageTableOps.PtepGetAndClear);

    public override CallShape Shape => CallShape.Single;

    public override string Summary => "the entry becomes none and its old ptep_get() view is returned; nothing else changes its view; at most its block unfolds";

    protected override int MaxUnfolds => 1;

    protected override bool ReturnsAd => true;

    public override CallResult Invoke(ContractWorld w, in ResolvedCall c) => CallResult.Of(full
        ? w.Ops.PtepGetAndClearFull(w.Mm, w.Addr(c.Start), w.P(c.Start), c.Full)
        : w.Ops.PtepGetAndClear(w.Mm, w.Addr(c.Start), w.P(c.Start)));

    public override string Describe(ContractWorld w, in ResolvedCall c) =>
        full ? $"ptep_get_and_clear_full({w.Where(c.Start)}, full={(c.Full ? 1 : 0)})" : $"ptep_get_and_clear({w.Where(c.Start)})";

    protected override void CheckResult(CaseState s) => ReturnedPte.Check(s, s.Call.Start, s.Call.End);
}
