namespace ArchPgtable.X86.Tests;

/// <summary>The x86-64 encoding against hand-worked hex (pfn 0x12345; P=0x1 RW=0x2 U=0x4 A=0x20 D=0x40 SOFT_DIRTY=0x800 SAVED_DIRTY=1&lt;&lt;58 NX=1&lt;&lt;63).</summary>
public class EncodingTests
{
    private static readonly X86PteFormat Saved = X86PteFormat.For(savedDirty: true);
    private static readonly X86PteFormat Plain = X86PteFormat.For(savedDirty: false);

    [Fact]
    public void Pfn_pte_of_page_shared_and_back()
    {
        var pte = Saved.PfnPte(0x12345, Saved.ProtFor(VmFlags.Read | VmFlags.Write | VmFlags.Shared));
        Assert.Equal(0x8000000012345027UL, pte.Value);
        Assert.Equal(0x12345UL, Saved.Pfn(pte));
        Assert.Equal(0x8000000000000027UL, Saved.Pgprot(pte).Value);
        Assert.Equal(0x8000000012347027UL, Saved.AdvancePfn(pte, 2).Value);
        Assert.Equal(0x000ffffffffff000UL, Saved.PfnPte((1UL << 40) - 1, default).Value); // PTE_PFN_MASK is bits 51:12
        Assert.Equal(0UL, Saved.PfnPte(1UL << 40, default).Value);
    }

    [Theory]
    // Columns: input, pte_mkdirty, pte_wrprotect, pte_mkwrite, pte_mkclean — SavedDirty in use.
    [InlineData(0x8000000012345027UL, 0x8000000012345867UL, 0x8000000012345025UL, 0x8000000012345027UL, 0x8000000012345027UL)] // clean, writable
    [InlineData(0x8000000012345067UL, 0x8000000012345867UL, 0x8400000012345025UL, 0x8000000012345067UL, 0x8000000012345027UL)] // dirty, writable
    [InlineData(0x8000000012345025UL, 0x8400000012345825UL, 0x8000000012345025UL, 0x8000000012345027UL, 0x8000000012345025UL)] // clean, read-only
    [InlineData(0x8400000012345025UL, 0x8400000012345825UL, 0x8400000012345025UL, 0x8000000012345067UL, 0x8000000012345025UL)] // dirty, read-only (SavedDirty)
    public void Modifiers_with_saved_dirty(ulong input, ulong mkdirty, ulong wrprotect, ulong mkwrite, ulong mkclean)
    {
        var pte = new Pte(input);
        Assert.Equal(new Pte(mkdirty), Saved.MkDirty(pte));
        Assert.Equal(new Pte(wrprotect), Saved.WrProtect(pte));
        Assert.Equal(new Pte(mkwrite), Saved.MkWrite(pte));
        Assert.Equal(new Pte(mkclean), Saved.MkClean(pte));
    }

    [Theory]
    // Columns: input, pte_mkdirty, pte_wrprotect, pte_mkwrite — the pre-6.6 encoding: Dirty stays in bit 6.
    [InlineData(0x8000000012345067UL, 0x8000000012345867UL, 0x8000000012345065UL, 0x8000000012345067UL)]
    [InlineData(0x8000000012345025UL, 0x8000000012345865UL, 0x8000000012345025UL, 0x8000000012345027UL)]
    [InlineData(0x8000000012345065UL, 0x8000000012345865UL, 0x8000000012345065UL, 0x8000000012345067UL)]
    public void Modifiers_without_saved_dirty(ulong input, ulong mkdirty, ulong wrprotect, ulong mkwrite)
    {
        var pte = new Pte(input);
        Assert.Equal(new Pte(mkdirty), Plain.MkDirty(pte));
        Assert.Equal(new Pte(wrprotect), Plain.WrProtect(pte));
        Assert.Equal(new Pte(mkwrite), Plain.MkWrite(pte));
    }

    [Theory]
    // Columns: value, present, young, dirty, write.
    [InlineData(0x8000000012345027UL, true, true, false, true)]
    [InlineData(0x8000000012345007UL, true, false, false, true)]
    [InlineData(0x8400000012345025UL, true, true, true, false)]  // SavedDirty counts as dirty
    [InlineData(0x8000000012345065UL, true, true, true, false)]
    [InlineData(0x0000000012345120UL, true, true, false, false)] // PROT_NONE: present to Linux, not to the CPU
    [InlineData(0x0000000000005000UL, false, false, false, false)] // swap slot 5
    public void Predicates(ulong value, bool present, bool young, bool dirty, bool write)
    {
        var pte = new Pte(value);
        Assert.Equal((present, young, dirty, write), (Saved.Present(pte), Saved.Young(pte), Saved.Dirty(pte), Saved.Write(pte)));
    }

    [Fact]
    public void Young_old_round_trip_and_soft_dirty_survives_mkclean()
    {
        var pte = new Pte(0x8000000012345027);
        Assert.Equal(0x8000000012345007UL, Saved.MkOld(pte).Value);
        Assert.Equal(pte, Saved.MkYoung(Saved.MkOld(pte)));
        var cleaned = Saved.MkClean(Saved.MkDirty(pte));
        Assert.Equal(0x8000000012345827UL, cleaned.Value);
        Assert.True(X86Pte.SoftDirty(cleaned));
    }

    [Fact]
    public void A_swap_entry_is_neither_none_nor_present()
    {
        IPteFormat f = Saved;
        var swp = f.MkSwapEntry(5);
        Assert.Equal(0x5000UL, swp.Value);
        Assert.True(f.IsSwapEntry(swp));
        Assert.Equal(5UL, f.SwapOffset(swp));
    }

    [Theory]
    [InlineData(0x8000000012345027UL, "PRESENT|RW|USER|ACCESSED|NX pfn=0x12345")]
    [InlineData(0x8400000012345825UL, "PRESENT|USER|ACCESSED|SOFT_DIRTY|SAVED_DIRTY|NX pfn=0x12345")]
    [InlineData(0x0000000000000120UL, "ACCESSED|PROTNONE pfn=0x0")]
    [InlineData(0x0800000000000301UL, "PRESENT|GLOBAL|SPECIAL|0x800000000000000 pfn=0x0")]
    [InlineData(0UL, "none")]
    public void Describe_names_the_bits(ulong value, string text) => Assert.Equal(text, Saved.Describe(new Pte(value)));

    public static TheoryData<VmFlags, bool> AllVmFlags()
    {
        var data = new TheoryData<VmFlags, bool>();
        for (var i = 0; i < 16; i++)
        {
            data.Add((VmFlags)i, true);
            data.Add((VmFlags)i, false);
        }

        return data;
    }

    /// <summary>mm/debug_vm_pgtable.c pte_basic_tests on pfn_pte(pfn, vm_get_page_prot(idx)), for both encodings.</summary>
    [Theory]
    [MemberData(nameof(AllVmFlags))]
    public void Debug_vm_pgtable_basic_tests(VmFlags flags, bool savedDirty)
    {
        var f = X86PteFormat.For(savedDirty);
        var pte = f.PfnPte(0x1234, f.ProtFor(flags));
        Assert.False(f.Dirty(f.WrProtect(pte)));
        Assert.True(f.Young(f.MkYoung(f.MkOld(pte))));
        Assert.False(f.Young(f.MkOld(f.MkYoung(pte))));
        Assert.True(f.Dirty(f.MkDirty(f.MkClean(pte))));
        Assert.False(f.Dirty(f.MkClean(f.MkDirty(pte))));
        Assert.True(f.Write(f.MkWrite(f.WrProtect(pte))));
        Assert.False(f.Write(f.WrProtect(f.MkWrite(pte))));
        Assert.False(f.Dirty(f.WrProtect(f.MkClean(pte))));
        Assert.True(f.Dirty(f.WrProtect(f.MkDirty(pte))));
        Assert.Equal(0x1234UL, f.Pfn(pte));
    }

    [Theory]
    [MemberData(nameof(AllVmFlags))]
    public void Saved_dirty_never_leaves_a_write_protected_entry_with_dirty_set(VmFlags flags, bool savedDirty)
    {
        var f = X86PteFormat.For(savedDirty);
        var pte = f.MkDirty(f.MkWrite(f.PfnPte(0x1234, f.ProtFor(flags))));
        var wp = f.WrProtect(pte);
        var shadowStackShaped = (wp.Value & (X86PteBits._PAGE_RW | X86PteBits._PAGE_DIRTY)) == X86PteBits._PAGE_DIRTY;
        Assert.Equal(!savedDirty, shadowStackShaped);
        Assert.Equal(savedDirty, (wp.Value & X86PteBits._PAGE_SAVED_DIRTY) != 0);
    }
}
