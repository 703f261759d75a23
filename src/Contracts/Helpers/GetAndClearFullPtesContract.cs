using ArchPgtable.Contracts.Checking;
using ArchPgtable.Contracts.World;

namespace ArchPgtable.Contracts.Helpers;

/// <summary>
/// <c>get_and_clear_full_ptes(mm, addr, ptep, nr, full)</c>: as <c>clear_full_ptes</c>, and the
/// returned entry is the first entry's old mapping with young and dirty OR-ed over the whole
/// range (so a concurrent hardware update to any entry of the range is returned, not lost).
/// </summary>
internal sealed class GetAndClearFullPtesContract : ClearFullPtesContract
{
    public override string Helper => "get_and_clear_full_ptes";

    public override string Member => nameof(IPageTableOps.GetAndClearFullPtes);

    public override string Summary => "as clear_full_ptes; the result is entry 0's old mapping with young/dirty OR-ed over R";

    protected override bool ReturnsAd => true;

    public override CallResult Invoke(ContractWorld w, in ResolvedCall c) =>
        CallResult.Of(w.Ops.GetAndClearFullPtes(w.Mm, w.Addr(c.Start), w.P(c.Start), c.Nr, c.Full));

    public override string Describe(ContractWorld w, in ResolvedCall c) => $"get_and_clear_full_ptes({Range(w, c)}, full={(c.Full ? 1 : 0)})";

    protected override void CheckResult(CaseState s) => ReturnedPte.Check(s, s.Call.Start, s.Call.End);
}
