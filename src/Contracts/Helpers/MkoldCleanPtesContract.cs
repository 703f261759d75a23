using ArchPgtable.Contracts.Checking;
using ArchPgtable.Contracts.World;

namespace ArchPgtable.Contracts.Helpers;

/// <summary><c>mkold_clean_ptes(vma, addr, ptep, nr)</c>: exactly the contract of <c>clear_young_dirty_ptes(…, CYDP_CLEAR_YOUNG | CYDP_CLEAR_DIRTY)</c>.</summary>
internal sealed class MkoldCleanPtesContract : ClearYoungDirtyPtesContract
{
    public override string Helper => "mkold_clean_ptes";

    public override string Member => nameof(IPageTableOps.MkoldCleanPtes);

    public override string Summary => "as clear_young_dirty_ptes with CYDP_CLEAR_YOUNG|CYDP_CLEAR_DIRTY";

    protected override CydpFlags FlagsOf(in ResolvedCall c) => CydpFlags.Young | CydpFlags.Dirty;

    public override CallResult Invoke(ContractWorld w, in ResolvedCall c)
    {
        w.Ops.MkoldCleanPtes(w.Mm, w.Addr(c.Start), w.P(c.Start), c.Nr);
        return CallResult.None;
    }

    public override string Describe(ContractWorld w, in ResolvedCall c) => $"mkold_clean_ptes({Range(w, c)})";
}
