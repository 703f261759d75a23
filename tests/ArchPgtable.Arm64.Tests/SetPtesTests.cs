using ArchPgtable.Arm64.Tests.Support;
using static ArchPgtable.Arm64.Arm64PteBits;

namespace ArchPgtable.Arm64.Tests;

/// <summary>set_ptes with nr &gt; 1 (contpte_set_ptes): PTE_CONT exactly on fully covered, VA- and PA-aligned blocks; never a TLBI.</summary>
public class SetPtesTests
{
    private static void AssertMapped(World w, int start, int nr, ulong pfn, Func<int, bool> cont)
    {
        for (var i = 0; i < nr; i++)
        {
            var raw = w.Raw(start + i);
            Assert.True(Arm64Pte.Valid(raw), $"entry {start + i} not valid");
            Assert.Equal(pfn + (ulong)i, w.Fmt.Pfn(raw));
            Assert.True(cont(i) == Arm64Pte.Cont(raw), $"entry {start + i} (offset {i}): CONT should be {cont(i)}: {w.Fmt.Describe(raw)}");
            Assert.Equal(Arm64PageProt.PAGE_SHARED & ~PTE_AF, w.Fmt.Pgprot(Arm64Pte.MkNonCont(raw)).Value);
        }
    }

    [Theory]
    [MemberData(nameof(Granules.All), MemberType = typeof(Granules))]
    public void Aligned_range_is_all_cont(Arm64Granule g)
    {
        var w = new World(g);
        var c = w.C;
        w.Map(2 * c, World.BasePfn, 2 * c);
        AssertMapped(w, 2 * c, 2 * c, World.BasePfn, _ => true);
        Assert.Equal(0, w.Mm.Cost.TlbFlushes);
        Assert.Equal(0, w.Mm.Cost.Folds);
        Assert.Equal(2 * c, w.Mm.Cost.PteWrites);
    }

    [Theory]
    [MemberData(nameof(Granules.All), MemberType = typeof(Granules))]
    public void Va_unaligned_range_marks_only_the_covered_middle_block(Arm64Granule g)
    {
        var w = new World(g);
        var c = w.C;
        var half = c / 2;
        // VA index 2c+half with PFN base+half: VA and PA agree modulo the block, the ends are partial.
        w.Map((2 * c) + half, World.BasePfn + (ulong)half, 2 * c);
        AssertMapped(w, (2 * c) + half, 2 * c, World.BasePfn + (ulong)half, i => i >= half && i < half + c);
        Assert.Equal(0, w.Mm.Cost.TlbFlushes);
    }

    [Theory]
    [MemberData(nameof(Granules.All), MemberType = typeof(Granules))]
    public void Pa_misaligned_range_is_never_cont(Arm64Granule g)
    {
        var w = new World(g);
        var c = w.C;
        w.Map(2 * c, World.BasePfn + 1, 2 * c);
        AssertMapped(w, 2 * c, 2 * c, World.BasePfn + 1, _ => false);
    }

    [Theory]
    [MemberData(nameof(Granules.All), MemberType = typeof(Granules))]
    public void Kernel_mm_gets_the_raw_write(Arm64Granule g)
    {
        var w = new World(g);
        w.Mm.IsUserMm = false;
        var c = w.C;
        w.Map(2 * c, World.BasePfn, 2 * c);
        AssertMapped(w, 2 * c, 2 * c, World.BasePfn, _ => false);
    }

    [Theory]
    [MemberData(nameof(Granules.All), MemberType = typeof(Granules))]
    public void Incoming_cont_bit_is_stripped(Arm64Granule g)
    {
        var w = new World(g);
        var c = w.C;
        // Half a block with PTE_CONT in the value: arm64's set_ptes strips it (CONT is private to the contpte layer).
        w.Ops.SetPtes(w.Mm, w.Addr(2 * c), w.P(2 * c), Arm64Pte.MkCont(w.Fresh(World.BasePfn)), c / 2);
        AssertMapped(w, 2 * c, c / 2, World.BasePfn, _ => false);
        w.Ops.SetPteAt(w.Mm, w.Addr(0), w.P(0), Arm64Pte.MkCont(w.Fresh(World.BasePfn + 0x100)));
        Assert.False(w.IsCont(0));
    }

    [Theory]
    [MemberData(nameof(Granules.All), MemberType = typeof(Granules))]
    public void Range_ending_at_the_table_end_does_not_walk_off_it(Arm64Granule g)
    {
        var w = new World(g);
        var c = w.C;
        var start = w.Table.Count - (2 * c);
        w.Map(start, World.BasePfn, 2 * c);
        AssertMapped(w, start, 2 * c, World.BasePfn, _ => true);
    }

    [Theory]
    [MemberData(nameof(Granules.All), MemberType = typeof(Granules))]
    public void Single_entry_over_a_cont_entry_unfolds_its_block_first(Arm64Granule g)
    {
        var w = new World(g);
        var c = w.C;
        w.Mm.AddFolio(World.BasePfn, c);
        w.Map(0, World.BasePfn, c);
        w.Touch(c - 1);
        var other = World.BasePfn + 0x1000;
        w.Ops.SetPteAt(w.Mm, w.Addr(2), w.P(2), w.Fresh(other));
        Assert.Equal(1, w.Mm.Cost.Unfolds);
        Assert.Equal(0, w.Mm.Cost.Folds);
        Assert.Equal(other, w.Fmt.Pfn(w.Raw(2)));
        for (var i = 0; i < c; i++)
        {
            Assert.False(w.IsCont(i));
            if (i != 2)
            {
                Assert.True(Arm64Pte.Young(w.Raw(i)) && Arm64Pte.Dirty(w.Raw(i)), $"entry {i}: A/D of the block smeared by the unfold");
            }
        }
    }
}
