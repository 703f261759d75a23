using ArchPgtable.Testing;
using NSubstitute;

namespace ArchPgtable.Generic.Tests;

/// <summary>
/// The batched defaults are written in terms of the public single-entry helpers, so an arch that
/// overrides a primitive changes every default built on it (the kernel's #ifndef layering).
/// </summary>
public class OverrideDispatchTests
{
    private static readonly ulong[] BatchAddrs = [0x7f0000208000, 0x7f0000209000, 0x7f000020A000, 0x7f000020B000];

    private static GenericRig Rig(IPageTableOps ops, ITlbFlusher? tlb = null) => new GenericRig(tlb: tlb, ops: ops).SeedStandardBatch();

    [Fact]
    public void Young_only_clear_young_dirty_ptes_calls_the_overridden_test_and_clear_young_per_entry()
    {
        var ops = new CountingPrimitivesOps();
        var rig = Rig(ops);

        ops.ClearYoungDirtyPtes(rig.Mm, GenericRig.Addr(8), rig.Ptep(8), 4, CydpFlags.Young);

        Assert.Equal(BatchAddrs, ops.TestAndClearYoung);
        Assert.Empty(ops.GetAndClear);
        Assert.Equal([0x120801BUL, 0x1209011UL, 0x120A013UL, 0x120B019UL], rig.Words()[8..12]);
    }

    [Theory]
    [InlineData(CydpFlags.Young | CydpFlags.Dirty)]
    [InlineData(CydpFlags.Dirty)]
    public void Other_clear_young_dirty_ptes_flags_go_through_the_overridden_get_and_clear(CydpFlags flags)
    {
        var ops = new CountingPrimitivesOps();
        var rig = Rig(ops);

        ops.ClearYoungDirtyPtes(rig.Mm, GenericRig.Addr(8), rig.Ptep(8), 4, flags);

        Assert.Equal(BatchAddrs, ops.GetAndClear);
        Assert.Empty(ops.TestAndClearYoung);
    }

    [Fact]
    public void Mkold_clean_ptes_goes_through_the_overridden_get_and_clear()
    {
        var ops = new CountingPrimitivesOps();
        var rig = Rig(ops);

        ops.MkoldCleanPtes(rig.Mm, GenericRig.Addr(8), rig.Ptep(8), 4);

        Assert.Equal(BatchAddrs, ops.GetAndClear);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Get_and_clear_full_ptes_and_clear_full_ptes_go_through_the_full_and_plain_get_and_clear(bool getAndClear)
    {
        var ops = new CountingPrimitivesOps();
        var rig = Rig(ops);

        if (getAndClear)
        {
            ops.GetAndClearFullPtes(rig.Mm, GenericRig.Addr(8), rig.Ptep(8), 4, true);
        }
        else
        {
            ops.ClearFullPtes(rig.Mm, GenericRig.Addr(8), rig.Ptep(8), 4, true);
        }

        Assert.Equal(BatchAddrs, ops.GetAndClearFull);
        Assert.Equal(BatchAddrs, ops.GetAndClear);
    }

    [Fact]
    public void Wrprotect_ptes_calls_the_overridden_ptep_set_wrprotect_per_entry()
    {
        var ops = new CountingPrimitivesOps();
        var rig = Rig(ops);

        ops.WrprotectPtes(rig.Mm, GenericRig.Addr(8), rig.Ptep(8), 4);

        Assert.Equal(BatchAddrs, ops.SetWrprotect);
    }

    [Fact]
    public void Ptep_get_lockless_and_the_read_modify_write_defaults_read_through_the_overridden_ptep_get()
    {
        var ops = new CountingPrimitivesOps();
        var rig = Rig(ops);

        ops.PtepGetLockless(rig.Ptep(8));
        ops.PtepSetAccessFlags(rig.Mm, GenericRig.Addr(9), rig.Ptep(9), new Pte(0x1209015), true);

        Assert.Equal(2, ops.PtepGetCalls);
    }

    [Fact]
    public void Ptep_clear_flush_young_trusts_the_overridden_test_and_clear_young()
    {
        var tlb = Substitute.For<ITlbFlusher>();
        var ops = new AlwaysYoungOps();
        var rig = Rig(ops, tlb);

        // Entry 9 is old, but the override says young: the default must flush on its word.
        var young = ops.PtepClearFlushYoung(rig.Mm, GenericRig.Addr(9), rig.Ptep(9));

        Assert.True(young);
        tlb.Received(1).FlushPage(0x7f0000209000);
        Assert.Equal(0x1209011UL, rig.Word(9));
    }

    [Fact]
    public void An_overridden_helper_replaces_the_default_body_but_keeps_the_contract_checks()
    {
        var ops = new MyWrprotectOps();
        var rig = Rig(ops);

        var cost = rig.Measure(() => ops.WrprotectPtes(rig.Mm, GenericRig.Addr(8), rig.Ptep(8), 4));

        Assert.Equal(1, ops.Calls);
        Assert.Equal([0x120801DUL, 0x1209011UL, 0x120A015UL, 0x120B019UL], rig.Words()[8..12]);
        Assert.Equal(GenericRig.Cost(reads: 4, writes: 4), cost);

        Assert.ThrowsAny<ArgumentException>(() => ops.WrprotectPtes(rig.Mm, GenericRig.Addr(8), rig.Ptep(8), 0));
        Assert.ThrowsAny<ArgumentException>(() => ops.WrprotectPtes(rig.Mm, GenericRig.Addr(100), rig.Ptep(100), 1));
        Assert.Equal(1, ops.Calls);
    }

    [Fact]
    public void Set_pte_at_and_the_single_entry_writers_go_through_the_overridden_set_ptes()
    {
        var ops = new MySetPtesOps();
        var rig = Rig(ops);

        ops.SetPteAt(rig.Mm, GenericRig.Addr(20), rig.Ptep(20), new Pte(0x3000013));
        ops.PtepSetWrprotect(rig.Mm, GenericRig.Addr(8), rig.Ptep(8));
        ops.PtepTestAndClearYoung(rig.Mm, GenericRig.Addr(10), rig.Ptep(10));

        Assert.Equal([(0x7f0000214000UL, 1), (0x7f0000208000UL, 1), (0x7f000020A000UL, 1)], ops.Calls);
    }

    [Fact]
    public void Overrides_do_not_leak_into_the_generic_arch()
    {
        var mm = new TestMm();
        var generic = GenericRig.BuildGeneric();
        var mine = new MyWrprotectOps();
        var table = mm.NewTable(generic.Geometry, GenericRig.TableBase);
        table.Write(8, new Pte(0x120801F));

        generic.Ops.WrprotectPtes(mm, GenericRig.Addr(8), table[8], 1);

        Assert.Equal(0, mine.Calls);
        Assert.Equal(0x120801DUL, table.Peek(8).Value);
    }
}
