using ArchPgtable.Contracts.Checking;
using ArchPgtable.Contracts.World;

namespace ArchPgtable.Contracts.Helpers;

/// <summary>
/// <c>get_and_clear_ptes(mm, addr, ptep, nr)</c> / <c>clear_ptes(mm, addr, ptep, nr)</c>: the <c>full = 0</c> wrappers,
/// held to the rules of <c>get_and_clear_full_ptes</c> / <c>clear_full_ptes</c>.
/// </summary>
internal sealed class FullZeroClearContract(bool returnsAd) : ClearFullPtesContract
{
    public override string Helper => returnsAd ? "get_and_clear_ptes" : "clear_ptes";

    public override string Member => returnsAd ? nameof(IPageTableOps.GetAndClearPtes) : nameof(IPageTableOps.ClearPtes);

    public override string Summary => returnsAd
        ? "as get_and_clear_full_ptes with full=0: each entry of R becomes none; the result is entry 0's old mapping with young/dirty OR-ed over R"
        : "as clear_full_ptes with full=0: each entry of R becomes none; nothing outside R changes its view";

    protected override bool ReturnsAd => returnsAd;

    public override CallResult Invoke(ContractWorld w, in ResolvedCall c)
    {
        if (returnsAd)
        {
            return CallResult.Of(w.Ops.GetAndClearPtes(w.Mm, w.Addr(c.Start), w.P(c.Start), c.Nr));
        }

        w.Ops.ClearPtes(w.Mm, w.Addr(c.Start), w.P(c.Start), c.Nr);
        return CallResult.None;
    }

    public override string Describe(ContractWorld w, in ResolvedCall c) => $"{Helper}({Range(w, c)})";

    protected override bool PrepareRange(ContractWorld w, ref ResolvedCall call, List<string>? log)
    {
        call = call with { Full = false };
        return true;
    }

    protected override void CheckResult(CaseState s)
    {
        if (returnsAd)
        {
            ReturnedPte.Check(s, s.Call.Start, s.Call.End);
        }
    }
}
