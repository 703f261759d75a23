namespace ArchPgtable.RiscV.Tests;

/// <summary>The RV64 encoding against hand-worked hex (V=0x1 R=0x2 W=0x4 X=0x8 U=0x10 G=0x20 A=0x40 D=0x80, PPN at bit 10).</summary>
public class EncodingTests
{
    private static readonly RiscVPteFormat F = RiscVPteFormat.Instance;

    [Fact]
    public void Page_write_for_pfn_0x12345()
    {
        var pte = F.PfnPte(0x12345, F.ProtFor(VmFlags.Read | VmFlags.Write | VmFlags.Shared));
        Assert.Equal(0x48d1457UL, pte.Value);
        Assert.Equal(0x12345UL, F.Pfn(pte));
        Assert.Equal(0x57UL, F.Pgprot(pte).Value);
        Assert.Equal(0x48d1c57UL, F.AdvancePfn(pte, 2).Value);
        Assert.Equal(0x003ffffffffffc00UL, F.PfnPte(ulong.MaxValue, default).Value); // PPN is bits 53:10
    }

    [Theory]
    // Columns: input, pte_mkdirty, pte_wrprotect, pte_mkwrite_novma, pte_mkclean, pte_mkold.
    [InlineData(0x48d1457UL, 0x48d14d7UL, 0x48d1453UL, 0x48d1457UL, 0x48d1457UL, 0x48d1417UL)]
    [InlineData(0x48d14d7UL, 0x48d14d7UL, 0x48d14d3UL, 0x48d14d7UL, 0x48d1457UL, 0x48d1497UL)]
    [InlineData(0x48d1453UL, 0x48d14d3UL, 0x48d1453UL, 0x48d1457UL, 0x48d1453UL, 0x48d1413UL)]
    public void Modifiers_touch_one_plain_bit_each(ulong input, ulong mkdirty, ulong wrprotect, ulong mkwrite, ulong mkclean, ulong mkold)
    {
        var pte = new Pte(input);
        Assert.Equal(new Pte(mkdirty), F.MkDirty(pte));
        Assert.Equal(new Pte(wrprotect), F.WrProtect(pte));
        Assert.Equal(new Pte(mkwrite), F.MkWrite(pte));
        Assert.Equal(new Pte(mkclean), F.MkClean(pte));
        Assert.Equal(new Pte(mkold), F.MkOld(pte));
        Assert.Equal(pte, F.MkYoung(F.MkOld(pte)));
    }

    [Fact]
    public void A_64k_napot_entry_at_pfn_0x12340_is_encoded_as_the_spec_says()
    {
        var napot = RiscVPte.MkNapot(F.PfnPte(0x12340, new PteProt(0xd7)));
        Assert.Equal(0x80000000048d20d7UL, napot.Value);          // ppn[3:0] = 1000b, N
        Assert.True(RiscVPte.ValidNapot(napot));
        Assert.Equal(0x12340UL, F.Pfn(napot));                       // pte_pfn(): the range base
        Assert.Equal(napot, RiscVPte.MkNapot(F.PfnPte(0x12345, new PteProt(0xd7)))); // one value, whichever page it is made from
        Assert.Equal("V|R|W|U|A|D|N pfn=0x12340+16", F.Describe(napot));
    }

    [Theory]
    [InlineData(0x80000000048d2057UL, true)]    // valid NAPOT
    [InlineData(0x80000000048d2056UL, false)]   // V clear
    [InlineData(0x80000000048d1c57UL, false)]   // ppn[3:0] = 0111b: not the 64K pattern
    [InlineData(0x00000000048d2057UL, false)]   // no N
    public void Valid_napot_needs_v_n_and_the_1000b_pattern(ulong value, bool valid) =>
        Assert.Equal(valid, RiscVPte.ValidNapot(new Pte(value)));

    [Theory]
    // Columns: value, present, young, dirty, write.
    [InlineData(0x48d1457UL, true, true, false, true)]
    [InlineData(0x48d1417UL, true, false, false, true)]
    [InlineData(0x48d14d3UL, true, true, true, false)]
    [InlineData(0x48d1422UL, true, false, false, false)]   // PAGE_NONE: PROT_NONE, present to Linux only
    [InlineData(0x5000UL, false, false, false, false)]     // swap slot 5
    public void Predicates(ulong value, bool present, bool young, bool dirty, bool write)
    {
        var pte = new Pte(value);
        Assert.Equal((present, young, dirty, write), (F.Present(pte), F.Young(pte), F.Dirty(pte), F.Write(pte)));
    }

    [Fact]
    public void A_swap_entry_is_neither_none_nor_present()
    {
        IPteFormat f = F;
        var swp = f.MkSwapEntry(5);
        Assert.True(f.IsSwapEntry(swp));
        Assert.Equal(5UL, f.SwapOffset(swp));
    }

    [Theory]
    [InlineData(0x48d1457UL, "V|R|W|U|A pfn=0x12345")]
    [InlineData(0x48d1422UL, "R|PROT_NONE pfn=0x12345")]
    [InlineData(0x60000000048d1553UL, "V|R|U|A|SPECIAL|NC|IO pfn=0x12345")]
    [InlineData(0x0040000000000001UL, "V|0x40000000000000 pfn=0x0")]
    [InlineData(0UL, "none")]
    public void Describe_names_the_bits(ulong value, string text) => Assert.Equal(text, F.Describe(new Pte(value)));

    public static TheoryData<VmFlags> AllVmFlags()
    {
        var data = new TheoryData<VmFlags>();
        for (var i = 0; i < 16; i++)
        {
            data.Add((VmFlags)i);
        }

        return data;
    }

    /// <summary>mm/debug_vm_pgtable.c pte_basic_tests on pfn_pte(pfn, vm_get_page_prot(idx)).</summary>
    [Theory]
    [MemberData(nameof(AllVmFlags))]
    public void Debug_vm_pgtable_basic_tests(VmFlags flags)
    {
        var pte = F.PfnPte(0x1234, F.ProtFor(flags));
        Assert.False(F.Dirty(F.WrProtect(pte)));
        Assert.True(F.Young(F.MkYoung(F.MkOld(pte))));
        Assert.False(F.Young(F.MkOld(F.MkYoung(pte))));
        Assert.True(F.Dirty(F.MkDirty(F.MkClean(pte))));
        Assert.False(F.Dirty(F.MkClean(F.MkDirty(pte))));
        Assert.True(F.Write(F.MkWrite(F.WrProtect(pte))));
        Assert.False(F.Write(F.WrProtect(F.MkWrite(pte))));
        Assert.False(F.Dirty(F.WrProtect(F.MkClean(pte))));
        Assert.True(F.Dirty(F.WrProtect(F.MkDirty(pte))));
        Assert.Equal(0x1234UL, F.Pfn(pte));
    }
}
