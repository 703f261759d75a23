using ArchPgtable.Arm64;
using NSubstitute;

namespace ArchPgtable.Generic.Tests.Contiguous;

/// <summary>
/// The contiguous-block layer's behaviour, written once and run over every encoding (NodaTime style: one abstract
/// suite, one derived class per implementation): arm64 PTE_CONT on 4K/16K/64K granules and riscv NAPOT 64K. The
/// boundaries are where this layer's bugs live: a block at the first and the last entries of a table, a batch that
/// starts or ends mid-block, one that ends exactly at the table's end, nr == 1.
/// </summary>
public abstract class ContiguousLayerTests
{
    protected abstract BlockRig Rig(ITlbFlusher? tlb = null);

    /// <summary>The first block of the table, and the last (ending exactly at the table's end).</summary>
    public static TheoryData<bool> Ends => new() { false, true };

    private static int First(BlockRig w, bool last) => last ? w.N - w.B : 0;

    [Theory]
    [MemberData(nameof(Ends))]
    public void Set_ptes_of_one_aligned_block_encodes_it_and_ptep_get_reports_each_page(bool last)
    {
        var w = Rig();
        var i0 = First(w, last);
        w.Map(i0, w.B);

        for (var i = 0; i < w.B; i++)
        {
            Assert.True(w.IsBlock(w.Raw(i0 + i)), $"entry {i0 + i} not block-encoded");
            Assert.Equal(BlockRig.BasePfn + (ulong)i, w.Pfn(w.PtepGet(i0 + i)));
        }
    }

    [Fact]
    public void Set_ptes_starting_mid_block_encodes_no_block()
    {
        var w = Rig();
        w.Map(1, w.B);

        Assert.All(Enumerable.Range(1, w.B), i => Assert.False(w.IsBlock(w.Raw(i))));
        Assert.Equal(BlockRig.BasePfn + (ulong)(w.B - 1), w.Pfn(w.PtepGet(w.B)));
    }

    [Fact]
    public void Set_ptes_over_two_blocks_and_a_tail_encodes_the_whole_blocks_only()
    {
        var w = Rig();
        w.Map(0, (2 * w.B) + 1);

        Assert.True(w.IsBlock(w.Raw(0)) && w.IsBlock(w.Raw((2 * w.B) - 1)));
        Assert.False(w.IsBlock(w.Raw(2 * w.B)));
    }

    [Theory]
    [MemberData(nameof(Ends))]
    public void Set_pte_at_upwards_folds_on_the_last_entry_of_the_block(bool last)
    {
        var w = Rig();
        var i0 = First(w, last);
        w.Mm.AddFolio(BlockRig.BasePfn, w.B);
        for (var i = 0; i < w.B; i++)
        {
            w.SetPtes(i0 + i, w.Plain(BlockRig.BasePfn + (ulong)i), 1);
            Assert.Equal(i == w.B - 1, w.IsBlock(w.Raw(i0)));
        }
    }

    [Fact]
    public void Set_pte_at_without_a_covering_folio_never_folds()
    {
        var w = Rig();
        w.Mm.AddFolio(BlockRig.BasePfn, w.B - 1);
        for (var i = 0; i < w.B; i++)
        {
            w.SetPtes(i, w.Plain(BlockRig.BasePfn + (ulong)i), 1);
        }

        Assert.False(w.IsBlock(w.Raw(0)));
    }

    [Theory]
    [MemberData(nameof(Ends))]
    public void Ptep_get_gathers_young_and_dirty_from_any_entry_of_the_block(bool last)
    {
        var w = Rig();
        var i0 = First(w, last);
        w.Map(i0, w.B);
        w.HardwareAccess(i0 + w.B - 1, write: true);

        var first = w.PtepGet(i0);
        Assert.True(w.Young(first) && w.Dirty(first));
        Assert.False(w.Young(w.Raw(i0)));
    }

    [Fact]
    public void Ptep_get_lockless_gathers_a_consistent_block_and_rejects_a_misprogrammed_one()
    {
        var w = Rig();
        w.Map(0, w.B);
        w.HardwareAccess(w.B / 2, write: false);
        Assert.True(w.Young(w.PtepGetLockless(0)));

        // No entry is dirty, so even the early-exit gather reads up to the last entry, the misprogrammed one.
        w.Corrupt(w.B - 1);
        var e = Assert.Throws<InvalidOperationException>(() => w.PtepGetLockless(0));
        Assert.Contains("misprogrammed", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Clear_full_ptes_starting_and_ending_mid_block_unfolds_both_end_blocks_and_keeps_the_rest_mapped()
    {
        var w = Rig();
        w.Map(0, 2 * w.B);
        var half = w.B / 2;

        w.ClearFullPtes(half, w.B);

        Assert.All(Enumerable.Range(0, half), i => Assert.Equal(BlockRig.BasePfn + (ulong)i, w.Pfn(w.Raw(i))));
        Assert.All(Enumerable.Range(half, w.B), i => Assert.True(w.Raw(i).IsNone));
        Assert.All(Enumerable.Range(half + w.B, half), i => Assert.False(w.IsBlock(w.Raw(i))));
        Assert.Equal(BlockRig.BasePfn + (ulong)((2 * w.B) - 1), w.Pfn(w.Raw((2 * w.B) - 1)));
    }

    [Theory]
    [MemberData(nameof(Ends))]
    public void Get_and_clear_full_ptes_of_a_whole_block_returns_the_first_page_with_the_blocks_young_dirty(bool last)
    {
        var w = Rig();
        var i0 = First(w, last);
        w.Map(i0, w.B);
        w.HardwareAccess(i0 + w.B - 1, write: true);

        var pte = w.GetAndClearFullPtes(i0, w.B);

        Assert.Equal(BlockRig.BasePfn, w.Pfn(pte));
        Assert.True(w.Young(pte) && w.Dirty(pte));
        Assert.All(Enumerable.Range(i0, w.B), i => Assert.True(w.Raw(i).IsNone));
        Assert.Equal(0, w.Mm.Cost.Unfolds);
    }

    [Fact]
    public void Get_and_clear_full_ptes_with_nr_1_unfolds_the_block_first()
    {
        var w = Rig();
        w.Map(0, w.B);

        w.GetAndClearFullPtes(2, 1);

        Assert.True(w.Raw(2).IsNone);
        Assert.All(Enumerable.Range(0, w.B).Where(i => i != 2), i => Assert.False(w.IsBlock(w.Raw(i))));
        Assert.Equal(BlockRig.BasePfn + 3, w.Pfn(w.Raw(3)));
    }

    [Fact]
    public void Wrprotect_of_whole_blocks_keeps_them_and_nr_1_unfolds()
    {
        var w = Rig();
        w.Map(0, 2 * w.B);

        w.WrprotectPtes(0, w.B);
        Assert.True(w.IsBlock(w.Raw(0)) && w.IsBlock(w.Raw(w.B - 1)));
        Assert.All(Enumerable.Range(0, w.B), i => Assert.False(w.Write(w.Raw(i))));
        Assert.True(w.Write(w.Raw(w.B)));

        w.WrprotectPtes(w.B + 1, 1);
        Assert.False(w.IsBlock(w.Raw(w.B)));
        Assert.False(w.Write(w.Raw(w.B + 1)));
        Assert.True(w.Write(w.Raw(w.B)));
    }

    [Theory]
    [MemberData(nameof(Ends))]
    public void Clear_young_dirty_of_one_entry_mid_block_widens_to_the_whole_block_without_unfolding(bool last)
    {
        var w = Rig();
        var i0 = First(w, last);
        w.Map(i0, w.B);
        for (var i = 0; i < w.B; i++)
        {
            w.HardwareAccess(i0 + i, write: true);
        }

        w.ClearYoungDirtyPtes(i0 + (w.B / 2), 1, CydpFlags.Young | CydpFlags.Dirty);

        Assert.All(Enumerable.Range(i0, w.B), i => Assert.True(w.IsBlock(w.Raw(i)) && !w.Young(w.Raw(i)) && !w.Dirty(w.Raw(i))));
        Assert.Equal(0, w.Mm.Cost.Unfolds);
    }

    [Fact]
    public void Clear_young_dirty_on_plain_entries_touches_exactly_the_batch()
    {
        var w = Rig();
        w.Map(1, w.B + 1);
        for (var i = 1; i <= w.B + 1; i++)
        {
            w.HardwareAccess(i, write: false);
        }

        w.ClearYoungDirtyPtes(2, 3, CydpFlags.Young);

        Assert.True(w.Young(w.Raw(1)) && w.Young(w.Raw(5)));
        Assert.All(Enumerable.Range(2, 3), i => Assert.False(w.Young(w.Raw(i))));
    }

    [Fact]
    public void Test_and_clear_young_of_a_block_entry_clears_the_whole_block()
    {
        var w = Rig();
        w.Map(0, w.B);
        w.HardwareAccess(w.B - 1, write: false);

        Assert.True(w.PtepTestAndClearYoung(0));
        Assert.False(w.Young(w.Raw(w.B - 1)));
        Assert.False(w.PtepTestAndClearYoung(1));
    }

    [Fact]
    public void Test_and_clear_young_ptes_ending_mid_block_widens_to_the_blocks_end()
    {
        var w = Rig();
        w.Map(0, w.B);
        w.HardwareAccess(w.B - 1, write: false);

        Assert.True(w.TestAndClearYoungPtes(0, 2));
        Assert.False(w.Young(w.Raw(w.B - 1)));
    }

    [Fact]
    public void Pte_batch_hint_is_the_rest_of_the_block_and_1_for_a_plain_entry()
    {
        var w = Rig();
        w.Map(0, w.B);
        w.Map(w.B + 1, 2, BlockRig.BasePfn + 0x1000);

        Assert.Equal(w.B, w.PteBatchHint(0));
        Assert.Equal(1, w.PteBatchHint(w.B - 1));
        Assert.Equal(w.B - 3, w.PteBatchHint(3));
        Assert.Equal(1, w.PteBatchHint(w.B + 1));
    }

    [Fact]
    public void An_unfold_flushes_the_block_synchronously_between_break_and_make()
    {
        var tlb = Substitute.For<ITlbFlusher>();
        var w = Rig(tlb);
        w.Map(0, w.B);

        w.Unfold(0);

        tlb.Received(1).FlushRange(w.Base, w.Base + ((ulong)w.B << w.Geo.PageShift), w.Geo.PageSize, true, true);
        Assert.Equal(1, w.Mm.Cost.Unfolds);
    }
}

public sealed class Arm64Cont4KLayerTests : ContiguousLayerTests
{
    protected override BlockRig Rig(ITlbFlusher? tlb = null) => BlockRig.Arm64(Arm64Granule.Granule4K, tlb: tlb);
}

public sealed class Arm64Cont16KLayerTests : ContiguousLayerTests
{
    protected override BlockRig Rig(ITlbFlusher? tlb = null) => BlockRig.Arm64(Arm64Granule.Granule16K, tlb: tlb);
}

public sealed class Arm64Cont64KLayerTests : ContiguousLayerTests
{
    protected override BlockRig Rig(ITlbFlusher? tlb = null) => BlockRig.Arm64(Arm64Granule.Granule64K, tlb: tlb);
}

public sealed class RiscVNapot64KLayerTests : ContiguousLayerTests
{
    protected override BlockRig Rig(ITlbFlusher? tlb = null) => BlockRig.RiscV(tlb);
}

/// <summary>BBML2_NOABORT: the convert keeps break-before-make but drops its intermediate flush.</summary>
public sealed class Bbml2ElisionTests
{
    [Fact]
    public void With_bbml2_noabort_an_unfold_issues_no_flush()
    {
        var tlb = Substitute.For<ITlbFlusher>();
        var w = BlockRig.Arm64(Arm64Granule.Granule4K, bbml2: true, tlb: tlb);
        w.Map(0, w.B);

        w.Unfold(0);

        tlb.DidNotReceiveWithAnyArgs().FlushRange(default, default, default, default, default);
        Assert.False(w.IsBlock(w.Raw(0)));
        Assert.Equal(BlockRig.BasePfn + 5, w.Pfn(w.Raw(5)));
    }
}
