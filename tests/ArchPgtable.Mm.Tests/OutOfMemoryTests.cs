using ArchPgtable.Hardware;
using ArchPgtable.Mm.Memory;

namespace ArchPgtable.Mm.Tests;

/// <summary>Exhaustion: mTHP orders fall back to smaller ones, reclaim runs before giving up, and running out is recorded, not thrown.</summary>
public class OutOfMemoryTests
{
    private static (MmSystem Sys, MmStruct Mm) Small(long physicalPages, ulong bytes, params int[] orders)
    {
        var sys = new MmSystem(Machines.Build("arm64-4k"), new MmOptions { PhysicalPages = physicalPages, Thp = ThpPolicy.WithOrders(orders) });
        var mm = sys.CreateMm();
        mm.Mmap(Machines.Base, bytes, VmFlags.Read | VmFlags.Write);
        return (sys, mm);
    }

    [Fact]
    public void Faults_fall_back_to_smaller_orders_when_no_large_block_is_free()
    {
        // 64 pages: after the zero page, the free blocks are 32, 16, 8, 4, 2 and 1 pages. Order-4 folios fit three
        // times (the 16-page block, then both halves of the 32); the fourth 64K range must fall back to order 2.
        var (sys, mm) = Small(64, 16 * 4096 * 4, 4, 2);
        for (var i = 0UL; i < 4; i++)
        {
            sys.Mmu.Write(mm, Machines.Base + (i * 16 * 4096));
        }

        var orders = Enumerable.Range(0, 4).Select(i => sys.Memory.OrderOf(sys.Format.Pfn(Machines.Get(sys, mm, Machines.Base + ((ulong)i * 16 * 4096))))).ToArray();
        Assert.Equal([4, 4, 4, 2], orders);
        Assert.Empty(sys.OutOfMemory);
        Assert.Equal(0, sys.Stats.DirectReclaims);
    }

    [Fact]
    public void Exhaustion_reclaims_lazyfree_first_then_swaps_and_keeps_the_data()
    {
        var (sys, mm) = Small(64, 256 * 4096, 0);
        var written = new Dictionary<ulong, int>();
        for (var i = 0UL; i < 200; i++)
        {
            var va = Machines.Base + (i * 4096);
            written[va] = sys.Mmu.Write(mm, va);
        }

        Assert.True(sys.Stats.DirectReclaims > 0);
        Assert.True(sys.Stats.SwappedOut > 0);
        Assert.Empty(sys.OutOfMemory);
        foreach (var (va, version) in written)
        {
            Assert.Equal(version, sys.Mmu.Read(mm, va));
        }

        Assert.Empty(sys.Oracle!.Losses);
    }

    [Fact]
    public void Lazyfree_folios_go_before_anything_is_swapped()
    {
        var (sys, mm) = Small(64, 256 * 4096, 0);
        for (var i = 0UL; i < 40; i++)
        {
            sys.Mmu.Write(mm, Machines.Base + (i * 4096));
        }

        // MADV_FREE makes the first 40 pages lazyfree (and clean): the next exhaustion discards them, swapping nothing.
        Operations.Madvise.Free(mm, Machines.Base, 40 * 4096, Operations.MadviseFreeAlgorithm.New);
        for (var i = 40UL; i < 100; i++)
        {
            sys.Mmu.Write(mm, Machines.Base + (i * 4096));
        }

        Assert.True(sys.Stats.Discarded > 0);
        Assert.Equal(0, sys.Stats.SwappedOut);
        Assert.Empty(sys.OutOfMemory);
    }

    [Fact]
    public void When_reclaim_frees_nothing_the_fault_records_out_of_memory_and_the_access_returns()
    {
        var (sys, mm) = Small(64, 256 * 4096, 0);
        var i = 0UL;
        while (sys.Memory.FreePages > 0)
        {
            var va = Machines.Base + (i++ * 4096);
            sys.Mmu.Write(mm, va);
            sys.Memory.SetFlags(sys.Format.Pfn(Machines.Get(sys, mm, va)), FolioFlags.Locked); // reclaim must skip it
        }

        var last = Machines.Base + (i * 4096);
        Assert.Equal(-1, sys.Mmu.Access(mm, last, MemoryAccess.Write));
        var oom = Assert.Single(sys.OutOfMemory);
        Assert.Equal(last, oom.Address);
        Assert.Equal(mm.Id, oom.MmId);
        Assert.Equal(0, oom.Order);
        Assert.Contains("out of memory", oom.ToString(), StringComparison.Ordinal);
        Assert.True(Machines.Get(sys, mm, last).IsNone);
        Assert.Empty(sys.Livelocks);
    }
}
