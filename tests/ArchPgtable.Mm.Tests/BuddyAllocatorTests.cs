using ArchPgtable.Mm.Memory;

namespace ArchPgtable.Mm.Tests;

/// <summary>The buddy allocator under <see cref="PhysicalMemory"/>: split on demand, merge on free, at the boundaries.</summary>
public class BuddyAllocatorTests
{
    private const ulong Base = 0x80000; // aligned to 2^MaxOrder pages

    [Fact]
    public void Freed_buddies_merge_back_into_one_max_order_block()
    {
        var mem = new PhysicalMemory(4 << PhysicalMemory.MaxOrder, Base);
        var maxBefore = mem.FreeBlocks(PhysicalMemory.MaxOrder);
        var pages = new List<ulong>();
        for (var i = 0; i < 1 << PhysicalMemory.MaxOrder; i++)
        {
            pages.Add(mem.AllocFolio(0, FolioFlags.Anon));
        }

        Assert.Equal(maxBefore - 1, mem.FreeBlocks(PhysicalMemory.MaxOrder));

        // Free in an order that leaves every pair half free as long as possible.
        foreach (var p in pages.OrderBy(p => p & 1).ThenByDescending(p => p))
        {
            mem.FreeFolio(p);
        }

        Assert.Equal(maxBefore, mem.FreeBlocks(PhysicalMemory.MaxOrder));
        for (var o = 0; o < PhysicalMemory.MaxOrder; o++)
        {
            Assert.True(mem.FreeBlocks(o) <= 1, $"order {o} has {mem.FreeBlocks(o)} free blocks after everything was freed");
        }
    }

    [Fact]
    public void Max_order_blocks_never_merge_further()
    {
        // Boot leaves [1, 1024) as one block per order and three max-order blocks; 2048 and 3072 are buddies.
        var mem = new PhysicalMemory(4 << PhysicalMemory.MaxOrder, Base);
        mem.AllocFolio(PhysicalMemory.MaxOrder, FolioFlags.Anon);
        var b = mem.AllocFolio(PhysicalMemory.MaxOrder, FolioFlags.Anon);
        var c = mem.AllocFolio(PhysicalMemory.MaxOrder, FolioFlags.Anon);
        Assert.Equal(b ^ (1UL << PhysicalMemory.MaxOrder), c);
        mem.FreeFolio(b);
        mem.FreeFolio(c);
        Assert.True(mem.IsFreeBlock(b, PhysicalMemory.MaxOrder));
        Assert.True(mem.IsFreeBlock(c, PhysicalMemory.MaxOrder));
        Assert.Equal(2, mem.FreeBlocks(PhysicalMemory.MaxOrder));
    }

    [Fact]
    public void A_buddy_in_use_stops_the_merge()
    {
        var mem = new PhysicalMemory(4 << PhysicalMemory.MaxOrder, Base);
        for (var o = 0; o < PhysicalMemory.MaxOrder; o++)
        {
            mem.AllocFolio(o, FolioFlags.Anon); // drain the boot remainder [1, 1024)
        }

        var a = mem.AllocFolio(2, FolioFlags.Anon);
        var b = mem.AllocFolio(2, FolioFlags.Anon);
        Assert.Equal(Base + 1024, a);
        Assert.Equal(a ^ 4, b);
        mem.FreeFolio(a);
        Assert.True(mem.IsFreeBlock(a, 2));
        Assert.False(mem.IsFreeBlock(a, 3));
        mem.FreeFolio(b);
        Assert.False(mem.IsFreeBlock(a, 2));
        Assert.True(mem.IsFreeBlock(a, PhysicalMemory.MaxOrder));
    }

    [Fact]
    public void The_top_of_memory_merges_only_within_memory()
    {
        // 1024 + 12 pages: the top 12 pages are an order-3 and an order-2 block whose buddies lie past the end.
        var pages = (1L << PhysicalMemory.MaxOrder) + 12;
        var mem = new PhysicalMemory(pages, Base);
        var top = Base + (ulong)pages;
        Assert.True(mem.IsFreeBlock(top - 12, 3));
        Assert.True(mem.IsFreeBlock(top - 4, 2));
        var blocks = new List<ulong>();
        while (mem.TryAllocFolio(0, FolioFlags.Anon, out var p))
        {
            blocks.Add(p);
        }

        Assert.Equal(pages - 1, blocks.Count); // everything but the zero page
        Assert.Contains(top - 1, blocks);
        foreach (var p in blocks)
        {
            mem.FreeFolio(p);
        }

        Assert.True(mem.IsFreeBlock(top - 12, 3));
        Assert.True(mem.IsFreeBlock(top - 4, 2));
        Assert.False(mem.IsFreeBlock(top - 12, 4)); // would reach past the end
        Assert.Equal(pages - 1, mem.FreePages);
    }

    [Fact]
    public void Split_folio_pages_freed_one_by_one_merge_again()
    {
        var mem = new PhysicalMemory(4 << PhysicalMemory.MaxOrder, Base);
        var head = mem.AllocFolio(4, FolioFlags.Anon);
        mem.SplitFolio(head);
        for (var i = 0UL; i < 16; i++)
        {
            mem.FreeFolio(head + i);
        }

        Assert.Equal(mem.Pages - 1, mem.FreePages);
        Assert.Equal(head, mem.AllocFolio(4, FolioFlags.Anon));
    }

    [Fact]
    public void A_random_mix_of_sizes_never_overlaps_and_frees_back_to_the_start()
    {
        const int seed = 12;
        var rng = new Random(seed);
        var mem = new PhysicalMemory(1 << 14, Base);
        var start = Enumerable.Range(0, PhysicalMemory.MaxOrder + 1).Select(mem.FreeBlocks).ToArray();
        var live = new List<(ulong Head, int Order)>();
        var owner = new Dictionary<ulong, ulong>();
        for (var step = 0; step < 20_000; step++)
        {
            if (live.Count > 0 && rng.Next(3) == 0)
            {
                var k = rng.Next(live.Count);
                var (h, o) = live[k];
                live.RemoveAt(k);
                for (var i = 0UL; i < 1UL << o; i++)
                {
                    owner.Remove(h + i);
                }

                mem.FreeFolio(h);
                continue;
            }

            var order = rng.Next(3) == 0 ? rng.Next(PhysicalMemory.MaxOrder + 1) : rng.Next(3);
            if (!mem.TryAllocFolio(order, FolioFlags.Anon, out var head))
            {
                continue;
            }

            Assert.True((head & ((1UL << order) - 1)) == 0, $"seed {seed} step {step}: order-{order} block 0x{head:x} is not aligned");
            for (var i = 0UL; i < 1UL << order; i++)
            {
                Assert.True(owner.TryAdd(head + i, head), $"seed {seed} step {step}: page 0x{head + i:x} handed out twice");
            }

            live.Add((head, order));
        }

        foreach (var (h, _) in live)
        {
            mem.FreeFolio(h);
        }

        Assert.Equal(start, Enumerable.Range(0, PhysicalMemory.MaxOrder + 1).Select(mem.FreeBlocks).ToArray());
    }
}
