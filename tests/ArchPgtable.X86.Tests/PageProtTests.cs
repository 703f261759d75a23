namespace ArchPgtable.X86.Tests;

/// <summary>vm_get_page_prot() against x86's protection_map[] (arch/x86/mm/pgprot.c).</summary>
public class PageProtTests
{
    [Theory]
    [InlineData(VmFlags.None, 0x120UL)]                                                    // PAGE_NONE
    [InlineData(VmFlags.Read, 0x8000000000000025UL)]                                       // PAGE_READONLY
    [InlineData(VmFlags.Write, 0x8000000000000025UL)]                                      // PAGE_COPY
    [InlineData(VmFlags.Read | VmFlags.Write, 0x8000000000000025UL)]                       // PAGE_COPY
    [InlineData(VmFlags.Exec, 0x25UL)]                                                     // PAGE_READONLY_EXEC
    [InlineData(VmFlags.Read | VmFlags.Exec, 0x25UL)]                                      // PAGE_READONLY_EXEC
    [InlineData(VmFlags.Read | VmFlags.Write | VmFlags.Exec, 0x25UL)]                      // PAGE_COPY_EXEC
    [InlineData(VmFlags.Shared, 0x120UL)]                                                  // PAGE_NONE
    [InlineData(VmFlags.Shared | VmFlags.Read, 0x8000000000000025UL)]                      // PAGE_READONLY
    [InlineData(VmFlags.Shared | VmFlags.Write, 0x8000000000000027UL)]                     // PAGE_SHARED
    [InlineData(VmFlags.Shared | VmFlags.Read | VmFlags.Write, 0x8000000000000027UL)]      // PAGE_SHARED
    [InlineData(VmFlags.Shared | VmFlags.Read | VmFlags.Exec, 0x25UL)]                     // PAGE_READONLY_EXEC
    [InlineData(VmFlags.Shared | VmFlags.Write | VmFlags.Exec, 0x27UL)]                    // PAGE_SHARED_EXEC
    [InlineData(VmFlags.Shared | VmFlags.Read | VmFlags.Write | VmFlags.Exec, 0x27UL)]     // PAGE_SHARED_EXEC
    public void Protection_map(VmFlags flags, ulong prot) =>
        Assert.Equal(new PteProt(prot), X86PteFormat.For(true).ProtFor(flags));

    [Fact]
    public void User_protections_are_installed_young_and_clean()
    {
        foreach (var prot in new[] { X86PageProt.PAGE_SHARED, X86PageProt.PAGE_COPY, X86PageProt.PAGE_READONLY_EXEC, X86PageProt.PAGE_SHARED_EXEC })
        {
            Assert.True(X86Pte.Young(new Pte(prot)));
            Assert.False(X86Pte.Dirty(new Pte(prot)));
        }
    }
}
