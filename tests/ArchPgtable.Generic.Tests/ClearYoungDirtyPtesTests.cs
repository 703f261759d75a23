using NSubstitute;

namespace ArchPgtable.Generic.Tests;

/// <summary>
/// clear_young_dirty_ptes: for Young alone, ptep_test_and_clear_young per entry (dirty untouched);
/// otherwise get_and_clear, mkold and/or mkclean, set — the entry is briefly none.
/// </summary>
public class ClearYoungDirtyPtesTests
{
    private readonly GenericRig _rig = new GenericRig().SeedStandardBatch();

    private CostSnapshot Run(CydpFlags flags) =>
        _rig.Measure(() => _rig.Ops.ClearYoungDirtyPtes(_rig.Mm, GenericRig.Addr(8), _rig.Ptep(8), 4, flags));

    [Fact]
    public void Young_and_dirty_clears_both_bits_by_get_and_clear_then_set_per_entry()
    {
        var cost = Run(CydpFlags.Young | CydpFlags.Dirty);

        // & ~(YOUNG|DIRTY) = & ~0xc: 0x1f -> 0x13, 0x11 -> 0x11, 0x17 -> 0x13, 0x19 -> 0x11.
        Assert.Equal(
            [0x120701FUL, 0x1208013UL, 0x1209011UL, 0x120A013UL, 0x120B011UL, 0x120C01FUL],
            _rig.Words()[7..13]);
        Assert.Equal(GenericRig.Cost(reads: 4, writes: 8), cost);
    }

    [Fact]
    public void Young_and_dirty_passes_every_entry_through_none_before_storing_the_result()
    {
        var writes = WriteRecorder.Attach(_rig.Table);

        Run(CydpFlags.Young | CydpFlags.Dirty);

        Assert.Equal(
            [(8, 0UL), (8, 0x1208013UL), (9, 0UL), (9, 0x1209011UL), (10, 0UL), (10, 0x120A013UL), (11, 0UL), (11, 0x120B011UL)],
            writes.Writes);
    }

    [Fact]
    public void Young_only_clears_young_and_keeps_dirty()
    {
        var cost = Run(CydpFlags.Young);

        // 0x1f -> 0x1b (DIRTY kept), 0x11 unchanged, 0x17 -> 0x13, 0x19 unchanged (dirty, old).
        Assert.Equal(
            [0x120701FUL, 0x120801BUL, 0x1209011UL, 0x120A013UL, 0x120B019UL, 0x120C01FUL],
            _rig.Words()[7..13]);
        Assert.Equal(GenericRig.Cost(reads: 4, writes: 2), cost);
    }

    [Fact]
    public void Young_only_never_writes_an_entry_that_is_not_young()
    {
        var writes = WriteRecorder.Attach(_rig.Table);

        Run(CydpFlags.Young);

        Assert.Equal([(8, 0x120801BUL), (10, 0x120A013UL)], writes.Writes);
    }

    [Fact]
    public void Dirty_only_clears_dirty_and_keeps_young()
    {
        var writes = WriteRecorder.Attach(_rig.Table);

        var cost = Run(CydpFlags.Dirty);

        // & ~DIRTY(8): 0x1f -> 0x17, 0x11 -> 0x11, 0x17 -> 0x17, 0x19 -> 0x11.
        Assert.Equal(
            [0x120701FUL, 0x1208017UL, 0x1209011UL, 0x120A017UL, 0x120B011UL, 0x120C01FUL],
            _rig.Words()[7..13]);
        Assert.Equal(GenericRig.Cost(reads: 4, writes: 8), cost);
        Assert.Equal([8, 8, 9, 9, 10, 10, 11, 11], writes.Writes.Select(w => w.Index));
    }

    [Fact]
    public void No_flag_combination_flushes_the_TLB()
    {
        var tlb = Substitute.For<ITlbFlusher>();
        var rig = new GenericRig(tlb: tlb).SeedStandardBatch();

        rig.Ops.ClearYoungDirtyPtes(rig.Mm, GenericRig.Addr(8), rig.Ptep(8), 4, CydpFlags.Young | CydpFlags.Dirty);
        rig.Ops.ClearYoungDirtyPtes(rig.Mm, GenericRig.Addr(8), rig.Ptep(8), 4, CydpFlags.Young);
        rig.Ops.ClearYoungDirtyPtes(rig.Mm, GenericRig.Addr(8), rig.Ptep(8), 4, CydpFlags.Dirty);

        Assert.Empty(tlb.ReceivedCalls());
    }

    [Fact]
    public void A_batch_of_one_touches_only_that_entry()
    {
        var cost = _rig.Measure(() =>
            _rig.Ops.ClearYoungDirtyPtes(_rig.Mm, GenericRig.Addr(11), _rig.Ptep(11), 1, CydpFlags.Young | CydpFlags.Dirty));

        Assert.Equal([0x120A017UL, 0x120B011UL, 0x120C01FUL], _rig.Words()[10..13]);
        Assert.Equal(GenericRig.Cost(reads: 1, writes: 2), cost);
    }
}
