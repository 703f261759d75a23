using ArchPgtable.Contracts.Checking;
using ArchPgtable.Contracts.World;

namespace ArchPgtable.Contracts.Helpers;

/// <summary>
/// <c>update_mmu_tlb_range(vma, addr, ptep, nr)</c>: TLB maintenance only. No entry changes its view, no PTE word is
/// written, no fold or unfold; the TLB check afterwards holds as for any helper.
/// </summary>
internal sealed class UpdateMmuTlbRangeContract : HelperContract
{
    public override string Helper => "update_mmu_tlb_range";

    public override string Member => nameof(IPageTableOps.UpdateMmuTlbRange);

    public override CallShape Shape => CallShape.Batch;

    public override bool ModifiesEntries => false;

    public override string Summary => "changes no entry: no ptep_get() view changes, no PTE word is written, no fold/unfold; arch invariants hold";

    public override CallResult Invoke(ContractWorld w, in ResolvedCall c)
    {
        w.Ops.UpdateMmuTlbRange(w.Mm, w.Addr(c.Start), w.P(c.Start), c.Nr);
        return CallResult.None;
    }

    public override string Describe(ContractWorld w, in ResolvedCall c) => $"update_mmu_tlb_range({Range(w, c)})";

    public override void Check(CaseState s)
    {
        for (var i = s.RegionStart; i < s.RegionEnd; i++)
        {
            if (!s.Before(i).SameView(s.After(i)))
            {
                s.Fail(i, "its ptep_get() view changed");
            }
        }

        if (s.Writes.Count != 0)
        {
            s.Fail($"{s.Writes.Count} PTE write(s); update_mmu_tlb_range only maintains the TLB");
        }

        FrameChecks.FoldUnfold(s, 0, 0);
    }
}
