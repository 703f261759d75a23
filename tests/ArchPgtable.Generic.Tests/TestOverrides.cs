namespace ArchPgtable.Generic.Tests;

/// <summary>An "architecture" that overrides wrprotect_ptes only: one read and one write per entry, counted.</summary>
public sealed class MyWrprotectOps(bool debugVm = true)
    : GenericPageTableOps(GenericPteFormat.Instance, new ArchGeometry(12, 48, 1), debugVm)
{
    public int Calls { get; private set; }

    [KernelHelper("my_wrprotect_ptes")]
    protected override void WrprotectPtesCore(IMmContext mm, ulong addr, PtePointer ptep, int nr)
    {
        Calls++;
        for (var i = 0; i < nr; i++)
        {
            var p = ptep + i;
            p.Write(Format.WrProtect(p.Read()));
        }
    }
}

/// <summary>Overrides set_ptes; set_pte_at must follow it.</summary>
public sealed class MySetPtesOps()
    : GenericPageTableOps(GenericPteFormat.Instance, new ArchGeometry(12, 48, 1))
{
    public List<(ulong Addr, int Nr)> Calls { get; } = [];

    [KernelHelper("my_set_ptes")]
    protected override void SetPtesCore(IMmContext mm, ulong addr, PtePointer ptep, Pte pte, int nr)
    {
        Calls.Add((addr, nr));
        base.SetPtesCore(mm, addr, ptep, pte, nr);
    }
}

/// <summary>Overrides pte_batch_hint without naming an implementation.</summary>
public sealed class UnnamedOverrideOps()
    : GenericPageTableOps(GenericPteFormat.Instance, new ArchGeometry(12, 48, 1))
{
    protected override int PteBatchHintCore(PtePointer ptep, Pte pte) => 1;
}

/// <summary>
/// Overrides the single-entry primitives the batched defaults are built from, counting each call
/// and the address it got, then running the default.
/// </summary>
public sealed class CountingPrimitivesOps()
    : GenericPageTableOps(GenericPteFormat.Instance, new ArchGeometry(12, 48, 1))
{
    public List<ulong> TestAndClearYoung { get; } = [];

    public List<ulong> GetAndClear { get; } = [];

    public List<ulong> GetAndClearFull { get; } = [];

    public List<ulong> SetWrprotect { get; } = [];

    public int PtepGetCalls { get; private set; }

    [KernelHelper("counting_ptep_test_and_clear_young")]
    protected override bool PtepTestAndClearYoungCore(IMmContext vma, ulong addr, PtePointer ptep)
    {
        TestAndClearYoung.Add(addr);
        return base.PtepTestAndClearYoungCore(vma, addr, ptep);
    }

    [KernelHelper("counting_ptep_get_and_clear")]
    protected override Pte PtepGetAndClearCore(IMmContext mm, ulong addr, PtePointer ptep)
    {
        GetAndClear.Add(addr);
        return base.PtepGetAndClearCore(mm, addr, ptep);
    }

    [KernelHelper("counting_ptep_get_and_clear_full")]
    protected override Pte PtepGetAndClearFullCore(IMmContext mm, ulong addr, PtePointer ptep, bool full)
    {
        GetAndClearFull.Add(addr);
        return base.PtepGetAndClearFullCore(mm, addr, ptep, full);
    }

    [KernelHelper("counting_ptep_set_wrprotect")]
    protected override void PtepSetWrprotectCore(IMmContext mm, ulong addr, PtePointer ptep)
    {
        SetWrprotect.Add(addr);
        base.PtepSetWrprotectCore(mm, addr, ptep);
    }

    [KernelHelper("counting_ptep_get")]
    protected override Pte PtepGetCore(PtePointer ptep)
    {
        PtepGetCalls++;
        return base.PtepGetCore(ptep);
    }
}

/// <summary>An arch whose ptep_test_and_clear_young reports young without touching the entry (like a hardware-A-bit arch that only reads).</summary>
public sealed class AlwaysYoungOps()
    : GenericPageTableOps(GenericPteFormat.Instance, new ArchGeometry(12, 48, 1))
{
    [KernelHelper("always_young")]
    protected override bool PtepTestAndClearYoungCore(IMmContext vma, ulong addr, PtePointer ptep) => true;
}
