namespace ArchPgtable.Mm.Tests;

public class TlbTests
{
    [Theory]
    [MemberData(nameof(Machines.All), MemberType = typeof(Machines))]
    public void A_stale_entry_keeps_granting_write_until_it_is_flushed(string arch)
    {
        var a = Machines.Build(arch);
        var (sys, mm) = Machines.Create(a, 1 << 20);
        sys.Mmu.Write(mm, Machines.Base);
        var ptep = mm.PageTable.PtePointer(Machines.Base);
        a.Ops.PtepSetWrprotect(mm, Machines.Base, ptep);
        Assert.False(a.Format.Write(a.Ops.PtepGet(ptep)));

        var faults = sys.Stats.Faults;
        sys.Mmu.Write(mm, Machines.Base);
        Assert.Equal(faults, sys.Stats.Faults);

        mm.Tlb.FlushPage(Machines.Base);
        sys.Mmu.Write(mm, Machines.Base);
        Assert.Equal(faults + 1, sys.Stats.Faults);
        Assert.True(a.Format.Write(a.Ops.PtepGet(ptep)));
    }

    [Fact]
    public void Fifo_replacement_keeps_the_capacity()
    {
        var tlb = new Hardware.Tlb(4);
        for (var i = 0UL; i < 10; i++)
        {
            tlb.Fill(1, new Hardware.TlbEntry(i, 1, new Pte(1), 100 + i));
        }

        Assert.Equal(4, tlb.Count);
        Assert.False(tlb.TryLookup(1, 0, 1, out _));
        Assert.True(tlb.TryLookup(1, 9, 1, out var e));
        Assert.Equal(109UL, e.BasePfn);
        Assert.False(tlb.TryLookup(2, 9, 1, out _));
    }

    [Fact]
    public void A_block_entry_covers_its_block_and_a_flush_of_any_page_removes_it()
    {
        var tlb = new Hardware.Tlb(16);
        tlb.Fill(1, new Hardware.TlbEntry(0x100, 16, new Pte(1), 0x500));
        Assert.True(tlb.TryLookup(1, 0x10f, 16, out var e));
        Assert.Equal(0x100UL, e.BaseVpn);
        tlb.InvalidateRange(1, 0x107, 0x108, 16);
        Assert.False(tlb.TryLookup(1, 0x100, 16, out _));
    }
}
