using ArchPgtable.Mm.Memory;

namespace ArchPgtable.Mm.Tests;

public class PhysicalMemoryTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(9)]
    public void Folios_are_aligned_to_their_size(int order)
    {
        var mem = new PhysicalMemory(1 << 14);
        for (var i = 0; i < 5; i++)
        {
            var head = mem.AllocFolio(order, FolioFlags.Anon);
            Assert.Equal(0UL, head & ((1UL << order) - 1));
            Assert.Equal(head, mem.HeadOf(head + (1UL << order) - 1));
            Assert.Equal(order, mem.OrderOf(head));
            Assert.Equal(new FolioExtent(head, 1 << order), mem.FolioOf(head));
        }

        Assert.Equal(5L << order, mem.AllocatedPages);
    }

    [Fact]
    public void Gaps_left_by_alignment_are_reused()
    {
        var mem = new PhysicalMemory(64, basePfn: 0x100);
        var small = mem.AllocFolio(0, FolioFlags.Anon);
        var big = mem.AllocFolio(4, FolioFlags.Anon);
        Assert.Equal(0x101UL, small);
        Assert.Equal(0x110UL, big);
        var reused = new HashSet<ulong>();
        for (var i = 0; i < 14; i++)
        {
            reused.Add(mem.AllocFolio(0, FolioFlags.Anon));
        }

        Assert.All(reused, p => Assert.InRange(p, 0x102UL, 0x10fUL));
    }

    [Fact]
    public void Freed_folios_are_handed_out_again()
    {
        var mem = new PhysicalMemory(64, basePfn: 0x100);
        var a = mem.AllocFolio(2, FolioFlags.Anon);
        mem.FreeFolio(a);
        Assert.Equal(a, mem.AllocFolio(2, FolioFlags.Anon));
    }

    [Fact]
    public void Split_makes_order_zero_folios_that_keep_the_flags()
    {
        var mem = new PhysicalMemory(64, basePfn: 0x100);
        var head = mem.AllocFolio(3, FolioFlags.Anon | FolioFlags.SwapBacked);
        Assert.Equal(8, mem.SplitFolio(head));
        for (var i = 0UL; i < 8; i++)
        {
            Assert.Equal(head + i, mem.HeadOf(head + i));
            Assert.True(mem.Test(head + i, FolioFlags.Anon | FolioFlags.SwapBacked | FolioFlags.Allocated));
        }
    }

    [Fact]
    public void Running_out_names_the_order_and_usage()
    {
        var mem = new PhysicalMemory(16, basePfn: 0x100);
        var e = Assert.Throws<InsufficientMemoryException>(() => mem.AllocFolio(4, FolioFlags.Anon));
        Assert.Contains("order-4", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_mapped_folio_cannot_be_freed()
    {
        var mem = new PhysicalMemory(64, basePfn: 0x100);
        var head = mem.AllocFolio(1, FolioFlags.Anon);
        mem.AddMapcount(head, 2, 1);
        Assert.Equal(2, mem.FolioMapcount(head));
        Assert.Throws<InvalidOperationException>(() => mem.FreeFolio(head));
        mem.AddMapcount(head, 2, -1);
        mem.FreeFolio(head);
        Assert.Equal(0, mem.AllocatedPages);
    }

    [Fact]
    public void The_zero_page_is_never_written()
    {
        var mem = new PhysicalMemory(64);
        Assert.Equal(0, mem.Version(mem.ZeroPfn));
        Assert.Throws<InvalidOperationException>(() => mem.SetVersion(mem.ZeroPfn, 3));
    }

    [Fact]
    public void Per_page_state_stays_near_seven_bytes()
    {
        // 7 bytes of memmap, one PageAnonExclusive bit and about two bits of buddy bookkeeping a page.
        var pages = 1L << 16;
        var perPage = (double)new PhysicalMemory(pages).StateBytes / pages;
        Assert.InRange(perPage, 7.0, 7.5);
    }
}
