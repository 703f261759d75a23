using ArchPgtable.Arm64;
using ArchPgtable.Testing;

namespace ArchPgtable.Native.Tests;

/// <summary>The shim's host side: every PTE access of the C code is counted and observed; WARN/BUG and host errors surface as exceptions.</summary>
public sealed class ShimTests
{
    private static (PteTable Table, TestMm Mm, Pte Pte) Mapped(IPageTableOps ops, int nr)
    {
        var mm = new TestMm();
        var table = mm.NewTable(ops.Geometry, 8 * ops.Geometry.PmdSize);
        var fmt = ops.Format;
        mm.AddFolio(0x40000, nr);
        var pte = fmt.MkDirty(fmt.MkYoung(fmt.PfnPte(0x40000, fmt.ProtFor(VmFlags.Read | VmFlags.Write))));
        ops.SetPtes(mm, table.BaseAddress, table[0], pte, nr);
        return (table, mm, pte);
    }

    [Fact]
    public void Every_pte_access_of_the_C_code_is_counted_and_observed_through_PtePointer()
    {
        var ops = NativeTree.Native().Ops;
        var (table, mm, _) = Mapped(ops, 16);
        var observer = new CountingObserver();
        table.Observer = observer;
        var before = mm.Cost.Snapshot();

        ops.ClearYoungDirtyPtes(mm, table.BaseAddress, table[0], 16, CydpFlags.Young | CydpFlags.Dirty);

        var cost = mm.Cost.Snapshot() - before;
        Assert.True(cost.PteReads >= 16, cost.ToString());
        Assert.Equal(16, cost.PteWrites);
        Assert.Equal(cost.PteReads + cost.PteWrites + cost.AtomicUpdates, observer.Before);
        Assert.Equal(observer.Before, observer.After);
        for (var i = 0; i < 16; i++)
        {
            Assert.False(ops.Format.Young(table[i].Peek()) || ops.Format.Dirty(table[i].Peek()));
        }
    }

    [Fact]
    public void The_C_code_builds_a_contiguous_block_hints_it_and_reports_its_unfold_to_the_counters()
    {
        var ops = NativeTree.Native().Ops;
        var (table, mm, _) = Mapped(ops, 16);
        for (var i = 0; i < 16; i++)
        {
            Assert.True(Arm64Pte.Cont(table[i].Peek()), $"entry {i} has PTE_CONT");
        }

        Assert.Equal(16, ops.PteBatchHint(table[0], ops.PtepGet(table[0])));
        Assert.Equal(11, ops.PteBatchHint(table[5], ops.PtepGet(table[5])));

        Assert.Equal(0, mm.Cost.Snapshot().Folds);
        ops.PtepSetWrprotect(mm, table.BaseAddress + 3 * ops.Geometry.PageSize, table[3]);
        Assert.Equal(1, mm.Cost.Snapshot().Unfolds);
        Assert.False(Arm64Pte.Cont(table[0].Peek()));
    }

    [Fact]
    public void An_exception_in_a_callback_unwinds_the_C_code_and_is_rethrown()
    {
        var ops = NativeTree.Native().Ops;
        var (table, mm, _) = Mapped(ops, 4);
        table.Observer = new ThrowingObserver();
        var e = Assert.Throws<InvalidTimeZoneException>(() => ops.WrprotectPtes(mm, table.BaseAddress, table[0], 4));
        Assert.Equal("observer says no", e.Message);
        table.Observer = null;
        ops.WrprotectPtes(mm, table.BaseAddress, table[0], 4);
        Assert.True(Arm64Pte.Dirty(table[3].Peek()), "the call works again after the unwind");
    }

    [Fact]
    public void VM_WARN_ON_completes_the_call_then_reports_the_condition_and_kernel_file_line()
    {
        var ops = NativeTree.Native(patch: NativeTree.TestData("warn-and-bug.patch")).Ops;
        var (table, mm, _) = Mapped(ops, 4);
        var e = Assert.Throws<NativeHelperException>(() => ops.ClearYoungDirtyPtes(mm, table.BaseAddress, table[0], 4, CydpFlags.Young));
        Assert.Matches(@"^clear_young_dirty_ptes \(native\): VM_WARN_ON\(nr > 1\) at arch/arm64/include/asm/pgtable\.h:\d+$", e.Message);
        Assert.False(ops.Format.Young(table[3].Peek()));
    }

    [Fact]
    public void BUG_ON_stops_the_C_code_and_reports_the_condition()
    {
        var ops = NativeTree.Native(patch: NativeTree.TestData("warn-and-bug.patch")).Ops;
        var (table, mm, _) = Mapped(ops, 4);
        var before = table[0].Peek();
        var writes = mm.Cost.Snapshot().PteWrites;
        var e = Assert.Throws<NativeHelperException>(() => ops.WrprotectPtes(mm, table.BaseAddress, table[0], 4));
        Assert.Matches(@"^wrprotect_ptes \(native\): BUG_ON\(nr > 1\) at arch/arm64/include/asm/pgtable\.h:\d+$", e.Message);
        Assert.Equal(before, table[0].Peek());
        Assert.Equal(writes, mm.Cost.Snapshot().PteWrites);
    }

    private sealed class CountingObserver : IPteAccessObserver
    {
        public int Before { get; private set; }

        public int After { get; private set; }

        public void BeforeAccess(PteTable table, int index, PteAccessKind kind) => Before++;

        public void AfterAccess(PteTable table, int index, PteAccessKind kind, Pte before, Pte after) => After++;
    }

    private sealed class ThrowingObserver : IPteAccessObserver
    {
        public void BeforeAccess(PteTable table, int index, PteAccessKind kind)
        {
            if (kind == PteAccessKind.CompareExchange)
            {
                throw new InvalidTimeZoneException("observer says no");
            }
        }

        public void AfterAccess(PteTable table, int index, PteAccessKind kind, Pte before, Pte after)
        {
        }
    }
}
