namespace ArchPgtable.Generic.Tests;

/// <summary>GenericPteFormat's bit layout: PRESENT=1, WRITE=2, YOUNG=4, DIRTY=8, USER=0x10, EXEC=0x20, PFN in bits 51:12.</summary>
public class GenericPteFormatTests
{
    private static GenericPteFormat F => GenericPteFormat.Instance;

    [Theory]
    [InlineData(VmFlags.None, 0x00UL)]
    [InlineData(VmFlags.Shared, 0x00UL)]
    [InlineData(VmFlags.Read, 0x11UL)]
    [InlineData(VmFlags.Write, 0x11UL)] // private writable: copy-on-write, so read-only
    [InlineData(VmFlags.Read | VmFlags.Write, 0x11UL)]
    [InlineData(VmFlags.Exec, 0x31UL)]
    [InlineData(VmFlags.Read | VmFlags.Exec, 0x31UL)]
    [InlineData(VmFlags.Write | VmFlags.Exec, 0x31UL)]
    [InlineData(VmFlags.Read | VmFlags.Write | VmFlags.Exec, 0x31UL)]
    [InlineData(VmFlags.Read | VmFlags.Shared, 0x11UL)]
    [InlineData(VmFlags.Write | VmFlags.Shared, 0x13UL)]
    [InlineData(VmFlags.Read | VmFlags.Write | VmFlags.Shared, 0x13UL)]
    [InlineData(VmFlags.Exec | VmFlags.Shared, 0x31UL)]
    [InlineData(VmFlags.Read | VmFlags.Exec | VmFlags.Shared, 0x31UL)]
    [InlineData(VmFlags.Write | VmFlags.Exec | VmFlags.Shared, 0x33UL)]
    [InlineData(VmFlags.Read | VmFlags.Write | VmFlags.Exec | VmFlags.Shared, 0x33UL)]
    public void ProtFor_gives_present_user_plus_write_only_when_shared_plus_exec(VmFlags flags, ulong expected) =>
        Assert.Equal(new PteProt(expected), F.ProtFor(flags));

    [Fact]
    public void A_fresh_protection_is_old_and_clean()
    {
        for (var flags = 0; flags < 16; flags++)
        {
            var prot = F.ProtFor((VmFlags)flags).Value;
            Assert.Equal(0UL, prot & 0xCUL);
        }
    }

    [Theory]
    [InlineData(0x0UL)]
    [InlineData(0x1UL)]
    [InlineData(0x12345UL)]
    [InlineData(0xFFFFFFFFFFUL)] // the largest 40-bit PFN
    public void PfnPte_round_trips_the_pfn_and_the_protection(ulong pfn)
    {
        var prot = new PteProt(0x33);

        var pte = F.PfnPte(pfn, prot);

        Assert.Equal((pfn << 12) | 0x33, pte.Value);
        Assert.Equal(pfn, F.Pfn(pte));
        Assert.Equal(prot, F.Pgprot(pte));
    }

    [Fact]
    public void PfnPte_drops_protection_bits_that_fall_in_the_pfn_field()
    {
        var pte = F.PfnPte(0x5, new PteProt(0x7000 | 0x11));

        Assert.Equal(0x5011UL, pte.Value);
    }

    [Fact]
    public void Pgprot_is_every_bit_outside_bits_51_to_12()
    {
        // bit 63 and the low flags survive; the pfn 0x12345 does not.
        Assert.Equal(new PteProt(0x800000000000003FUL), F.Pgprot(new Pte(0x800000001234503FUL)));
    }

    [Theory]
    [InlineData(0x120801FUL, 1, 0x120901FUL)]
    [InlineData(0x120801FUL, 3, 0x120B01FUL)]
    [InlineData(0x120801FUL, 0, 0x120801FUL)]
    [InlineData(0x120801FUL, -1, 0x120701FUL)]
    [InlineData(0xFFF013UL, 1, 0x1000013UL)]
    [InlineData(0x31UL, 512, 0x200031UL)]
    public void AdvancePfn_adds_nr_to_the_pfn_and_keeps_every_other_bit(ulong raw, int nr, ulong expected) =>
        Assert.Equal(expected, F.AdvancePfn(new Pte(raw), nr).Value);

    [Theory]
    [InlineData(0x1UL, true, false, false, false)]
    [InlineData(0x2UL, false, true, false, false)]
    [InlineData(0x4UL, false, false, true, false)]
    [InlineData(0x8UL, false, false, false, true)]
    [InlineData(0x1FUL, true, true, true, true)]
    [InlineData(0x30UL, false, false, false, false)]
    public void Each_predicate_reads_exactly_its_bit(ulong raw, bool present, bool write, bool young, bool dirty)
    {
        var pte = new Pte(raw);

        Assert.Equal(present, F.Present(pte));
        Assert.Equal(write, F.Write(pte));
        Assert.Equal(young, F.Young(pte));
        Assert.Equal(dirty, F.Dirty(pte));
    }

    [Fact]
    public void Each_modifier_sets_or_clears_exactly_its_bit()
    {
        var all = new Pte(0x120803F);
        var bare = new Pte(0x1208001);

        Assert.Equal(0x120803BUL, F.MkOld(all).Value);
        Assert.Equal(0x1208005UL, F.MkYoung(bare).Value);
        Assert.Equal(0x1208037UL, F.MkClean(all).Value);
        Assert.Equal(0x1208009UL, F.MkDirty(bare).Value);
        Assert.Equal(0x120803DUL, F.WrProtect(all).Value);
        Assert.Equal(0x1208003UL, F.MkWrite(bare).Value);
    }

    [Theory]
    [InlineData(0x0UL, "none")]
    [InlineData(0x120801FUL, "PRESENT|WRITE|YOUNG|DIRTY|USER pfn=0x1208")]
    [InlineData(0x1208031UL, "PRESENT|USER|EXEC pfn=0x1208")]
    [InlineData(0x1UL, "PRESENT pfn=0x0")]
    [InlineData(0xFFFFFFFFFF033UL, "PRESENT|WRITE|USER|EXEC pfn=0xffffffffff")]
    [InlineData(0x1204FUL, "PRESENT|WRITE|YOUNG|DIRTY|0x40 pfn=0x12")]
    [InlineData(0x1234FUL, "PRESENT|WRITE|YOUNG|DIRTY|0x340 pfn=0x12")]
    [InlineData(0x8000000000005011UL, "PRESENT|USER|0x8000000000000000 pfn=0x5")]
    [InlineData(0x40UL, "0x40 pfn=0x0")]
    [InlineData(0x5000UL, "pfn=0x5")]
    public void Describe_names_the_set_bits_then_the_pfn(ulong raw, string expected) =>
        Assert.Equal(expected, F.Describe(new Pte(raw)));
}
