namespace ArchPgtable.Arm64.Tests;

/// <summary>vm_get_page_prot against hand-computed pgtable-prot.h values (4K layout, no Enhanced PAN).</summary>
public class PageProtTests
{
    internal const ulong PageNone = 0x0060000000000f82;         // TABLE_BIT|RDONLY|SH|AF|NG(PRESENT_INVALID)|PXN|UXN
    internal const ulong PageReadonly = 0x0060000000000fc3;     // TYPE_PAGE|USER|RDONLY|SH|AF|NG|PXN|UXN
    internal const ulong PageReadonlyExec = 0x0020000000000fc3; // ... without UXN
    internal const ulong PageShared = 0x0068000000000fc3;       // PAGE_READONLY|WRITE
    internal const ulong PageSharedExec = 0x0028000000000fc3;   // PAGE_READONLY_EXEC|WRITE

    [Fact]
    public void Constants_have_the_hand_computed_values()
    {
        Assert.Equal(PageNone, Arm64PageProt.PAGE_NONE);
        Assert.Equal(PageReadonly, Arm64PageProt.PAGE_READONLY);
        Assert.Equal(PageReadonlyExec, Arm64PageProt.PAGE_READONLY_EXEC);
        Assert.Equal(PageShared, Arm64PageProt.PAGE_SHARED);
        Assert.Equal(PageSharedExec, Arm64PageProt.PAGE_SHARED_EXEC);
        Assert.Equal(0x0020000000000f83UL, Arm64PageProt.PAGE_EXECONLY);
    }

    [Theory]
    [InlineData(VmFlags.None, PageNone)]
    [InlineData(VmFlags.Read, PageReadonly)]
    [InlineData(VmFlags.Write, PageReadonly)]                                   // private writable: COW
    [InlineData(VmFlags.Read | VmFlags.Write, PageReadonly)]
    [InlineData(VmFlags.Exec, PageReadonlyExec)]                                 // no EPAN: not execute-only
    [InlineData(VmFlags.Read | VmFlags.Exec, PageReadonlyExec)]
    [InlineData(VmFlags.Write | VmFlags.Exec, PageReadonlyExec)]
    [InlineData(VmFlags.Read | VmFlags.Write | VmFlags.Exec, PageReadonlyExec)]
    [InlineData(VmFlags.Shared, PageNone)]
    [InlineData(VmFlags.Shared | VmFlags.Read, PageReadonly)]
    [InlineData(VmFlags.Shared | VmFlags.Write, PageShared)]
    [InlineData(VmFlags.Shared | VmFlags.Read | VmFlags.Write, PageShared)]
    [InlineData(VmFlags.Shared | VmFlags.Exec, PageReadonlyExec)]
    [InlineData(VmFlags.Shared | VmFlags.Read | VmFlags.Exec, PageReadonlyExec)]
    [InlineData(VmFlags.Shared | VmFlags.Write | VmFlags.Exec, PageSharedExec)]
    [InlineData(VmFlags.Shared | VmFlags.Read | VmFlags.Write | VmFlags.Exec, PageSharedExec)]
    public void Protection_map(VmFlags flags, ulong expected)
    {
        Assert.Equal(expected, Arm64PteFormat.For(Arm64Granule.Granule16K).ProtFor(flags).Value);
    }

    [Fact]
    public void Fresh_writable_page_is_clean_and_young_and_prot_none_is_present()
    {
        var f = Arm64PteFormat.For(Arm64Granule.Granule4K);
        var shared = f.PfnPte(1, f.ProtFor(VmFlags.Shared | VmFlags.Read | VmFlags.Write));
        Assert.True(f.Write(shared));
        Assert.False(f.Dirty(shared));
        Assert.True(f.Young(shared));
        var none = f.PfnPte(1, f.ProtFor(VmFlags.None));
        Assert.True(f.Present(none));
        Assert.False(Arm64Pte.Valid(none));
    }
}
