namespace ArchPgtable.Mm.Tests;

public class FaultTests
{
    [Theory]
    [MemberData(nameof(Machines.All), MemberType = typeof(Machines))]
    public void A_write_fault_maps_a_folio_of_the_enabled_size_dirty_and_writable(string arch)
    {
        var (sys, mm) = Machines.Create(Machines.Build(arch), 1 << 20, folioOrder: 4);
        var g = sys.Arch.Geometry;
        var va = Machines.Base + (5 * g.PageSize);
        var v = sys.Mmu.Write(mm, va);

        Assert.Equal(1, sys.Stats.AnonFolios);
        var fmt = sys.Arch.Format;
        var first = Machines.Get(sys, mm, Machines.Base);
        var pfn0 = fmt.Pfn(first);
        Assert.Equal(4, sys.Memory.OrderOf(pfn0));
        for (var i = 0; i < 16; i++)
        {
            var pte = Machines.Get(sys, mm, Machines.Base + ((ulong)i * g.PageSize));
            Assert.True(fmt.Present(pte));
            Assert.True(fmt.Write(pte));
            Assert.True(fmt.Dirty(pte));
            Assert.Equal(pfn0 + (ulong)i, fmt.Pfn(pte));
            Assert.Equal(1, sys.Memory.Mapcount(pfn0 + (ulong)i));
        }

        Assert.True(Machines.Get(sys, mm, Machines.Base + (16 * g.PageSize)).IsNone);
        Assert.Equal(v, sys.Mmu.Read(mm, va));
        Assert.Empty(sys.Oracle!.Losses);
    }

    [Theory]
    [MemberData(nameof(Machines.All), MemberType = typeof(Machines))]
    public void A_folio_that_would_cross_the_vma_end_falls_back_to_a_smaller_size(string arch)
    {
        var a = Machines.Build(arch);
        var (sys, mm) = Machines.Create(a, 8 * a.Geometry.PageSize, folioOrder: 4);
        sys.Mmu.Write(mm, Machines.Base);
        Assert.Equal(0, sys.Memory.OrderOf(sys.Arch.Format.Pfn(Machines.Get(sys, mm, Machines.Base))));
    }

    [Theory]
    [MemberData(nameof(Machines.All), MemberType = typeof(Machines))]
    public void A_read_fault_maps_the_zero_page_read_only_and_a_later_write_copies_it(string arch)
    {
        var (sys, mm) = Machines.Create(Machines.Build(arch), 1 << 20);
        var fmt = sys.Arch.Format;
        Assert.Equal(0, sys.Mmu.Read(mm, Machines.Base));
        var zero = Machines.Get(sys, mm, Machines.Base);
        Assert.Equal(sys.Memory.ZeroPfn, fmt.Pfn(zero));
        Assert.False(fmt.Write(zero));

        var v = sys.Mmu.Write(mm, Machines.Base);
        var copied = Machines.Get(sys, mm, Machines.Base);
        Assert.NotEqual(sys.Memory.ZeroPfn, fmt.Pfn(copied));
        Assert.True(fmt.Write(copied) && fmt.Dirty(copied));
        Assert.Equal(1, sys.Stats.CowCopies);
        Assert.Equal(v, sys.Mmu.Read(mm, Machines.Base));
        Assert.Empty(sys.Oracle!.Losses);
    }

    [Theory]
    [MemberData(nameof(Machines.All), MemberType = typeof(Machines))]
    public void Accesses_outside_a_vma_or_against_its_permissions_are_sigsegv(string arch)
    {
        var (sys, mm) = Machines.Create(Machines.Build(arch), 1 << 20);
        var ro = mm.Mmap(0x80000000, 1 << 16, VmFlags.Read);
        var e = Assert.Throws<SegmentationFaultException>(() => sys.Mmu.Read(mm, 0x10000000));
        Assert.Contains("no VMA", e.Message, StringComparison.Ordinal);
        Assert.Equal(0x10000000UL, e.Address);
        Assert.Equal(0, sys.Mmu.Read(mm, ro.Start));
        Assert.Throws<SegmentationFaultException>(() => sys.Mmu.Write(mm, ro.Start));
    }

    [Theory]
    [MemberData(nameof(Machines.All), MemberType = typeof(Machines))]
    public void Fork_shares_pages_copy_on_write(string arch)
    {
        var a = Machines.Build(arch);
        var (sys, parent) = Machines.Create(a, 64 * a.Geometry.PageSize, folioOrder: 4);
        var g = a.Geometry;
        Machines.WriteAll(sys, parent, Machines.Base, 32 * g.PageSize);
        var before = sys.Mmu.Read(parent, Machines.Base + g.PageSize);

        var child = Operations.Fork.Run(parent);
        var fmt = a.Format;
        var p = Machines.Get(sys, parent, Machines.Base + g.PageSize);
        var c = Machines.Get(sys, child, Machines.Base + g.PageSize);
        Assert.False(fmt.Write(p));
        Assert.False(fmt.Write(c));
        Assert.Equal(fmt.Pfn(p), fmt.Pfn(c));
        Assert.Equal(2, sys.Memory.Mapcount(fmt.Pfn(p)));

        var childWrite = sys.Mmu.Write(child, Machines.Base + g.PageSize);
        Assert.Equal(before, sys.Mmu.Read(parent, Machines.Base + g.PageSize));
        Assert.Equal(childWrite, sys.Mmu.Read(child, Machines.Base + g.PageSize));
        Assert.Equal(1, sys.Memory.Mapcount(fmt.Pfn(p)));

        var parentWrite = sys.Mmu.Write(parent, Machines.Base + g.PageSize);
        Assert.Equal(fmt.Pfn(p), fmt.Pfn(Machines.Get(sys, parent, Machines.Base + g.PageSize)));
        Assert.Equal(parentWrite, sys.Mmu.Read(parent, Machines.Base + g.PageSize));
        Assert.Empty(sys.Oracle!.Losses);
    }

    [Theory]
    [MemberData(nameof(Machines.All), MemberType = typeof(Machines))]
    public void Munmap_clears_the_range_and_frees_unmapped_folios(string arch)
    {
        var a = Machines.Build(arch);
        var (sys, mm) = Machines.Create(a, 64 * a.Geometry.PageSize, folioOrder: 4);
        var g = a.Geometry;
        Machines.WriteAll(sys, mm, Machines.Base, 32 * g.PageSize);
        Assert.Equal(32, sys.Memory.AllocatedPages);

        Operations.Munmap.Run(mm, Machines.Base, 16 * g.PageSize);
        Assert.Equal(16, sys.Memory.AllocatedPages);
        Assert.True(Machines.Get(sys, mm, Machines.Base).IsNone);
        Assert.Null(mm.FindVma(Machines.Base));
        Assert.NotNull(mm.FindVma(Machines.Base + (16 * g.PageSize)));
        Assert.Throws<SegmentationFaultException>(() => sys.Mmu.Read(mm, Machines.Base));
    }

    [Theory]
    [MemberData(nameof(Machines.All), MemberType = typeof(Machines))]
    public void Swap_out_and_in_keeps_the_content(string arch)
    {
        var a = Machines.Build(arch);
        var (sys, mm) = Machines.Create(a, 64 * a.Geometry.PageSize, folioOrder: 2);
        var g = a.Geometry;
        Machines.WriteAll(sys, mm, Machines.Base, 8 * g.PageSize);
        var v = sys.Mmu.Read(mm, Machines.Base + g.PageSize);

        var outcomes = Operations.Reclaim.Range(mm, Machines.Base, 8 * g.PageSize);
        Assert.All(outcomes, o => Assert.Equal(Operations.ReclaimOutcome.KeptReferenced, o.Outcome));
        outcomes = Operations.Reclaim.Range(mm, Machines.Base, 8 * g.PageSize);
        Assert.All(outcomes, o => Assert.Equal(Operations.ReclaimOutcome.SwappedOut, o.Outcome));
        Assert.Equal(8, sys.Stats.SwappedOut);
        Assert.True(a.Format.IsSwapEntry(Machines.Get(sys, mm, Machines.Base + g.PageSize)));
        Assert.Equal(0, sys.Memory.AllocatedPages);

        Assert.Equal(v, sys.Mmu.Read(mm, Machines.Base + g.PageSize));
        Assert.Equal(1, sys.Stats.SwappedIn);
        Assert.Empty(sys.Oracle!.Losses);
    }
}
