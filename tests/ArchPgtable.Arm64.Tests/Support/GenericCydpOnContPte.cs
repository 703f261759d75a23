using ArchPgtable.Generic;

namespace ArchPgtable.Arm64.Tests.Support;

/// <summary>
/// arm64 with CONFIG_ARM64_CONTPTE but without its clear_young_dirty_ptes / mkold_clean_ptes
/// overrides: the per-PTE primitives delegate to the real contpte layer, the two batch helpers
/// are Generic's pgtable.h defaults (get_and_clear / modify / set_pte_at per entry).
/// </summary>
public sealed class GenericCydpOnContPte : GenericPageTableOps
{
    private readonly Arm64ContPteOps _arm;

    public GenericCydpOnContPte(Arm64Granule granule)
        : this(new Arm64ContPteOps(granule))
    {
    }

    private GenericCydpOnContPte(Arm64ContPteOps arm)
        : base(arm.Format, arm.Geometry, arm.DebugVm) => _arm = arm;

    protected override Pte PtepGetCore(PtePointer ptep) => _arm.PtepGet(ptep);

    protected override Pte PtepGetLocklessCore(PtePointer ptep) => _arm.PtepGetLockless(ptep);

    protected override void SetPtesCore(IMmContext mm, ulong addr, PtePointer ptep, Pte pte, int nr) =>
        _arm.SetPtes(mm, addr, ptep, pte, nr);

    protected override Pte PtepGetAndClearCore(IMmContext mm, ulong addr, PtePointer ptep) =>
        _arm.PtepGetAndClear(mm, addr, ptep);

    protected override bool PtepTestAndClearYoungCore(IMmContext vma, ulong addr, PtePointer ptep) =>
        _arm.PtepTestAndClearYoung(vma, addr, ptep);
}
