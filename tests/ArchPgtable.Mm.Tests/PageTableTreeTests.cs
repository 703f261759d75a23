using ArchPgtable.Mm.PageTables;

namespace ArchPgtable.Mm.Tests;

public class PageTableTreeTests
{
    private static readonly ArchGeometry G4K = new(12, 48, 16);

    [Fact]
    public void Tables_are_allocated_on_demand_one_per_pmd()
    {
        var tree = new PageTableTree(G4K, new CostCounters());
        Assert.Null(tree.Find(0x40000000));
        Assert.Equal(0, tree.PteTables);

        var a = tree.GetOrAllocate(0x40000000);
        var b = tree.GetOrAllocate(0x401ff000);
        var c = tree.GetOrAllocate(0x40200000);

        Assert.Same(a, b);
        Assert.NotSame(a, c);
        Assert.Equal(2, tree.PteTables);
        Assert.Equal(3, tree.UpperTables);
        Assert.Same(a, tree.Find(0x40000000));
        Assert.Equal(0x40000000UL, a.BaseAddress);
        Assert.Equal(0x40200000UL, c.BaseAddress);
        Assert.Equal(512, a.Count);
    }

    [Fact]
    public void Pte_pointer_index_comes_from_the_address()
    {
        var tree = new PageTableTree(G4K, new CostCounters());
        var p = tree.PtePointer(0x40000000 + (37 * 4096));
        Assert.Equal(37, p.Index);
    }

    [Fact]
    public void Bytes_count_every_table_as_one_page()
    {
        var tree = new PageTableTree(G4K, new CostCounters());
        tree.GetOrAllocate(0x40000000);
        Assert.Equal((1 + 3) * 4096L, tree.Bytes);
    }

    [Fact]
    public void An_address_beyond_the_va_bits_is_rejected_with_its_value()
    {
        var tree = new PageTableTree(G4K, new CostCounters());
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => tree.GetOrAllocate(1UL << 48));
        Assert.Contains("0x1000000000000", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(14, 2048, 4)]
    [InlineData(16, 8192, 3)]
    public void Other_granules_walk_their_own_levels(int shift, int entries, int levels)
    {
        var g = new ArchGeometry(shift, 48, 1);
        Assert.Equal(levels, g.Levels);
        var tree = new PageTableTree(g, new CostCounters());
        var t = tree.GetOrAllocate(0x40000000);
        Assert.Equal(entries, t.Count);
        Assert.Equal(levels - 1, tree.UpperTables);
        Assert.Same(t, tree.Find(0x40000000 + g.PmdSize - g.PageSize));
        Assert.Null(tree.Find(0x40000000 + g.PmdSize));
    }
}
