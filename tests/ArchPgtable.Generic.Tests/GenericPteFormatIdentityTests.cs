namespace ArchPgtable.Generic.Tests;

/// <summary>
/// mm/debug_vm_pgtable.c pte_basic_tests, run as the kernel does: for every VMA protection, on
/// <c>pfn_pte(fixed_pfn, vm_get_page_prot(flags))</c>, with no page table involved.
/// </summary>
public class GenericPteFormatIdentityTests
{
    private static ulong FixedPfn => 0x12345;

    private static GenericPteFormat F => GenericPteFormat.Instance;

    /// <summary>All 16 combinations of Read, Write, Exec and Shared.</summary>
    public static TheoryData<VmFlags> AllProtections
    {
        get
        {
            var data = new TheoryData<VmFlags>();
            for (var flags = 0; flags < 16; flags++)
            {
                data.Add((VmFlags)flags);
            }

            return data;
        }
    }

    private static Pte Fresh(VmFlags flags) => F.PfnPte(FixedPfn, F.ProtFor(flags));

    [Theory]
    [MemberData(nameof(AllProtections))]
    public void A_fresh_pte_is_not_dirty(VmFlags flags) =>
        Assert.False(F.Dirty(F.WrProtect(Fresh(flags))));

    [Theory]
    [MemberData(nameof(AllProtections))]
    public void A_pte_is_the_same_as_itself(VmFlags flags)
    {
        var pte = Fresh(flags);
        var copy = new Pte(pte.Value);

        Assert.True(pte == copy);
    }

    [Theory]
    [MemberData(nameof(AllProtections))]
    public void Mkyoung_and_mkold_round_trip(VmFlags flags)
    {
        var pte = Fresh(flags);

        Assert.True(F.Young(F.MkYoung(F.MkOld(pte))));
        Assert.False(F.Young(F.MkOld(F.MkYoung(pte))));
    }

    [Theory]
    [MemberData(nameof(AllProtections))]
    public void Mkdirty_and_mkclean_round_trip(VmFlags flags)
    {
        var pte = Fresh(flags);

        Assert.True(F.Dirty(F.MkDirty(F.MkClean(pte))));
        Assert.False(F.Dirty(F.MkClean(F.MkDirty(pte))));
    }

    [Theory]
    [MemberData(nameof(AllProtections))]
    public void Mkwrite_and_wrprotect_round_trip(VmFlags flags)
    {
        var pte = Fresh(flags);

        Assert.True(F.Write(F.MkWrite(F.WrProtect(pte))));
        Assert.False(F.Write(F.WrProtect(F.MkWrite(pte))));
    }

    [Theory]
    [MemberData(nameof(AllProtections))]
    public void Wrprotect_preserves_dirtiness_either_way(VmFlags flags)
    {
        var pte = Fresh(flags);

        Assert.False(F.Dirty(F.WrProtect(F.MkClean(pte))));
        Assert.True(F.Dirty(F.WrProtect(F.MkDirty(pte))));
    }

    [Theory]
    [MemberData(nameof(AllProtections))]
    public void The_modifiers_never_touch_the_pfn(VmFlags flags)
    {
        var pte = Fresh(flags);

        Assert.All(
            new[] { F.MkYoung(pte), F.MkOld(pte), F.MkDirty(pte), F.MkClean(pte), F.MkWrite(pte), F.WrProtect(pte) },
            p => Assert.Equal(FixedPfn, F.Pfn(p)));
    }
}
