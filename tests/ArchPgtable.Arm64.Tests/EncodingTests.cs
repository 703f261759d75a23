using static ArchPgtable.Arm64.Arm64PteBits;

namespace ArchPgtable.Arm64.Tests;

/// <summary>The DBM dirty/write encoding: predicates and modifiers against hand-worked tables.</summary>
public class EncodingTests
{
    // State bits for the tables: R = PTE_RDONLY, W = PTE_WRITE (DBM), D = PTE_DIRTY (software).
    internal const int R = 4, W = 2, D = 1;

    private static Pte WithState(int state)
    {
        // A present user page with every other bit fixed, so a modifier that touches more than R/W/D is caught.
        var v = (Arm64PageProt.PAGE_READONLY | PTE_CONT | PTE_SPECIAL | (0x12345UL << 12)) & ~(PTE_RDONLY | PTE_WRITE | PTE_DIRTY);
        v |= (state & R) != 0 ? PTE_RDONLY : 0;
        v |= (state & W) != 0 ? PTE_WRITE : 0;
        v |= (state & D) != 0 ? PTE_DIRTY : 0;
        return new Pte(v);
    }

    private static int StateOf(Pte pte) =>
        ((pte.Value & PTE_RDONLY) != 0 ? R : 0) | ((pte.Value & PTE_WRITE) != 0 ? W : 0) | ((pte.Value & PTE_DIRTY) != 0 ? D : 0);

    [Theory]
    // Columns: state, pte_dirty, pte_hw_dirty, pte_write.
    [InlineData(0, false, false, false)] // !R !W !D: not a state Linux makes; not dirty
    [InlineData(D, true, false, false)]
    [InlineData(W, true, true, true)]  // writable and not read-only: hardware dirty
    [InlineData(W | D, true, true, true)]
    [InlineData(R, false, false, false)] // clean, read-only
    [InlineData(R | D, true, false, false)] // dirty, read-only (after wrprotect of a dirty page)
    [InlineData(R | W, false, false, true)]  // clean, writable (PAGE_SHARED as installed)
    [InlineData(R | W | D, true, false, true)]
    public void Dirty_is_software_dirty_or_writable_and_not_readonly(int state, bool dirty, bool hwDirty, bool write)
    {
        var pte = WithState(state);
        Assert.Equal(dirty, Arm64Pte.Dirty(pte));
        Assert.Equal(hwDirty, Arm64Pte.HwDirty(pte));
        Assert.Equal((state & D) != 0, Arm64Pte.SwDirty(pte));
        Assert.Equal(write, Arm64Pte.Write(pte));
        Assert.Equal(dirty, Arm64PteFormat.For(Arm64Granule.Granule4K).Dirty(pte));
    }

    [Theory]
    // Columns: input, pte_mkclean, pte_mkdirty, pte_wrprotect, pte_mkwrite_novma.
    [InlineData(0, R, D, R, W)]
    [InlineData(D, R, D, R | D, W | D)]
    [InlineData(W, R | W, W | D, R | D, W)]
    [InlineData(W | D, R | W, W | D, R | D, W | D)]
    [InlineData(R, R, R | D, R, R | W)]
    [InlineData(R | D, R, R | D, R | D, W | D)]
    [InlineData(R | W, R | W, W | D, R, R | W)]
    [InlineData(R | W | D, R | W, W | D, R | D, W | D)]
    public void Modifier_truth_table(int input, int clean, int dirty, int wrprotect, int mkwrite)
    {
        var pte = WithState(input);
        var others = pte.Value & ~(PTE_RDONLY | PTE_WRITE | PTE_DIRTY);

        var results = new (string Name, Pte Value, int Expected)[]
        {
            ("pte_mkclean", Arm64Pte.MkClean(pte), clean),
            ("pte_mkdirty", Arm64Pte.MkDirty(pte), dirty),
            ("pte_wrprotect", Arm64Pte.WrProtect(pte), wrprotect),
            ("pte_mkwrite_novma", Arm64Pte.MkWrite(pte), mkwrite),
        };
        foreach (var (name, value, expected) in results)
        {
            Assert.True(expected == StateOf(value), $"{name}({input}) = {StateOf(value)}, want {expected}");
            Assert.True(others == (value.Value & ~(PTE_RDONLY | PTE_WRITE | PTE_DIRTY)), $"{name} changed bits other than RDONLY/WRITE/DIRTY");
        }
    }

    [Fact]
    public void Mkwrite_of_a_clean_entry_stays_clean()
    {
        // The newer pte_mkwrite_novma: RDONLY is cleared only when software dirty.
        var readOnlyClean = new Pte(Arm64PageProt.PAGE_READONLY);
        var w = Arm64Pte.MkWrite(readOnlyClean);
        Assert.True(Arm64Pte.Write(w));
        Assert.False(Arm64Pte.Dirty(w));
        Assert.Equal(Arm64PageProt.PAGE_SHARED, w.Value);
    }

    [Fact]
    public void Young_cont_valid_special_present_predicates()
    {
        var p = new Pte(Arm64PageProt.PAGE_SHARED);
        Assert.True(Arm64Pte.Young(p));
        Assert.False(Arm64Pte.Young(Arm64Pte.MkOld(p)));
        Assert.Equal(p, Arm64Pte.MkYoung(Arm64Pte.MkOld(p)));
        Assert.False(Arm64Pte.Cont(p));
        Assert.True(Arm64Pte.ValidCont(Arm64Pte.MkCont(p)));
        Assert.False(Arm64Pte.ValidCont(new Pte(PTE_CONT)));           // CONT without VALID
        Assert.Equal(p, Arm64Pte.MkNonCont(Arm64Pte.MkCont(p)));
        Assert.True(Arm64Pte.Special(Arm64Pte.MkSpecial(p)));
        Assert.True(Arm64Pte.Present(p));
        Assert.True(Arm64Pte.Present(new Pte(Arm64PageProt.PAGE_NONE)));  // present-invalid (PROT_NONE)
        Assert.True(Arm64Pte.PresentInvalid(new Pte(Arm64PageProt.PAGE_NONE)));
        Assert.False(Arm64Pte.Valid(new Pte(Arm64PageProt.PAGE_NONE)));
        Assert.False(Arm64Pte.Present(Pte.None));
        Assert.False(Arm64Pte.Present(new Pte(PTE_RDONLY | PTE_AF)));    // neither VALID nor NG
    }

    public static TheoryData<VmFlags> AllVmFlags()
    {
        var data = new TheoryData<VmFlags>();
        for (var i = 0; i < 16; i++)
        {
            data.Add((VmFlags)i);
        }

        return data;
    }

    /// <summary>mm/debug_vm_pgtable.c pte_basic_tests, on pfn_pte(pfn, vm_get_page_prot(idx)) for all 16 protections.</summary>
    [Theory]
    [MemberData(nameof(AllVmFlags))]
    public void Debug_vm_pgtable_basic_tests(VmFlags flags)
    {
        foreach (var granule in new[] { Arm64Granule.Granule4K, Arm64Granule.Granule16K, Arm64Granule.Granule64K })
        {
            var f = Arm64PteFormat.For(granule);
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
    }
}
