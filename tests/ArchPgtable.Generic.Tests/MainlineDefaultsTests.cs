namespace ArchPgtable.Generic.Tests;

/// <summary>The pgtable.h defaults of the helpers mainline added after v6.10, on the standard batch (entries 8..11).</summary>
public class MainlineDefaultsTests
{
    [Fact]
    public void Test_and_clear_young_ptes_ages_the_batch_only_and_reports_any_young_without_a_flush()
    {
        var rig = new GenericRig().SeedStandardBatch();
        var before = rig.Words();
        var young = false;
        var cost = rig.Measure(() => young = rig.Ops.TestAndClearYoungPtes(rig.Mm, GenericRig.Addr(8), rig.Ptep(8), 4));

        Assert.True(young);
        for (var i = 8; i < 12; i++)
        {
            Assert.Equal(before[i] & ~GenericPteFormat.YoungBit, rig.Word(i));
        }

        Assert.Equal(before[7], rig.Word(7));
        Assert.Equal(before[12], rig.Word(12));
        Assert.Equal(0, cost.TlbFlushPage);
        Assert.False(rig.Ops.TestAndClearYoungPtes(rig.Mm, GenericRig.Addr(8), rig.Ptep(8), 4));
    }

    [Fact]
    public void Clear_flush_young_ptes_flushes_each_young_page_once()
    {
        var rig = new GenericRig().SeedStandardBatch();
        var young = false;
        var cost = rig.Measure(() => young = rig.Ops.ClearFlushYoungPtes(rig.Mm, GenericRig.Addr(9), rig.Ptep(9), 3));

        Assert.True(young);
        Assert.Equal(1, cost.TlbFlushPage); // entry 10 only: 9 and 11 were old
    }

    [Fact]
    public void Modify_prot_start_ptes_clears_and_returns_the_batch_young_and_dirty_then_commit_writes_pfn_by_pfn()
    {
        var rig = new GenericRig().SeedStandardBatch();
        var f = GenericPteFormat.Instance;
        var old = rig.Ops.ModifyProtStartPtes(rig.Mm, GenericRig.Addr(9), rig.Ptep(9), 3);

        Assert.Equal(0x1209011UL | GenericPteFormat.YoungBit | GenericPteFormat.DirtyBit, old.Value);
        Assert.All(new[] { 9, 10, 11 }, i => Assert.Equal(0UL, rig.Word(i)));

        var pte = f.WrProtect(old);
        rig.Ops.ModifyProtCommitPtes(rig.Mm, GenericRig.Addr(9), rig.Ptep(9), old, pte, 3);
        for (var i = 9; i < 12; i++)
        {
            Assert.Equal(f.AdvancePfn(pte, i - 9), new Pte(rig.Word(i)));
        }
    }

    [Fact]
    public void Ptep_modify_prot_start_and_commit_are_get_and_clear_and_set_pte_at()
    {
        var rig = new GenericRig().SeedStandardBatch();
        var old = rig.Ops.PtepModifyProtStart(rig.Mm, GenericRig.Addr(8), rig.Ptep(8));
        Assert.Equal(0x120801FUL, old.Value);
        Assert.Equal(0UL, rig.Word(8));

        rig.Ops.PtepModifyProtCommit(rig.Mm, GenericRig.Addr(8), rig.Ptep(8), old, GenericPteFormat.Instance.MkClean(old));
        Assert.Equal(0x1208017UL, rig.Word(8));
    }

    [Fact]
    public void Clear_nonpresent_ptes_clears_swap_migration_and_marker_entries_up_to_the_table_end()
    {
        var rig = new GenericRig();
        var f = GenericPteFormat.Instance;
        var last = rig.Table.Count - 1;
        IPteFormat fmt = f;
        rig.Seed(
            (last - 3, fmt.MkNonPresentEntry(NonPresentKind.Swap, 7).Value),
            (last - 2, fmt.MkNonPresentEntry(NonPresentKind.MigrationWrite, 0x1234).Value),
            (last - 1, 0),
            (last, fmt.MkNonPresentEntry(NonPresentKind.Marker, 4).Value));
        Assert.Equal(NonPresentKind.MigrationWrite, fmt.NonPresentKindOf(rig.Table.Peek(last - 2)));
        Assert.False(f.Present(rig.Table.Peek(last)));

        rig.Ops.ClearNonpresentPtes(rig.Mm, GenericRig.Addr(last - 3), rig.Ptep(last - 3), 4);

        Assert.All(Enumerable.Range(last - 3, 4), i => Assert.Equal(0UL, rig.Word(i)));
    }

    [Fact]
    public void Clear_nonpresent_ptes_rejects_a_present_entry_under_debug_vm()
    {
        var rig = new GenericRig().SeedStandardBatch();
        var ex = Assert.Throws<ArgumentException>(() => rig.Ops.ClearNonpresentPtes(rig.Mm, GenericRig.Addr(8), rig.Ptep(8), 1));
        Assert.StartsWith("clear_nonpresent_ptes:", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0x120801FUL, rig.Word(8));
    }

    [Fact]
    public void Update_mmu_tlb_range_does_nothing_by_default()
    {
        var rig = new GenericRig().SeedStandardBatch();
        var before = rig.Words();
        var cost = rig.Measure(() => rig.Ops.UpdateMmuTlbRange(rig.Mm, GenericRig.Addr(8), rig.Ptep(8), 4));

        Assert.Equal(before, rig.Words());
        Assert.Equal(GenericRig.Cost(), cost);
    }

    [Fact]
    public void Get_and_clear_ptes_and_clear_ptes_are_the_full_zero_calls()
    {
        var a = new GenericRig().SeedStandardBatch();
        var b = new GenericRig().SeedStandardBatch();
        Assert.Equal(
            b.Ops.GetAndClearFullPtes(b.Mm, GenericRig.Addr(8), b.Ptep(8), 4, false),
            a.Ops.GetAndClearPtes(a.Mm, GenericRig.Addr(8), a.Ptep(8), 4));
        Assert.Equal(b.Words(), a.Words());

        var c = new GenericRig().SeedStandardBatch();
        c.Ops.ClearPtes(c.Mm, GenericRig.Addr(8), c.Ptep(8), 4);
        Assert.Equal(b.Words(), c.Words());
    }
}
