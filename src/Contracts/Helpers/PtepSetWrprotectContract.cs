using ArchPgtable.Contracts.Checking;
using ArchPgtable.Contracts.World;

namespace ArchPgtable.Contracts.Helpers;

/// <summary><c>ptep_set_wrprotect(mm, addr, ptep)</c>: <c>wrprotect_ptes</c> of one entry (at most its block unfolds).</summary>
internal sealed class PtepSetWrprotectContract : WrprotectPtesContract
{
    public override string Helper => "ptep_set_wrprotect";

    public override string Member => nameof(IPageTableOps.PtepSetWrprotect);

    public override CallShape Shape => CallShape.Single;

    public override string Summary => "as wrprotect_ptes for one entry; at most its own block unfolds";

    protected override int MaxUnfolds => 1;

    public override CallResult Invoke(ContractWorld w, in ResolvedCall c)
    {
        w.Ops.PtepSetWrprotect(w.Mm, w.Addr(c.Start), w.P(c.Start));
        return CallResult.None;
    }

    public override string Describe(ContractWorld w, in ResolvedCall c) => $"ptep_set_wrprotect({w.Where(c.Start)})";
}
