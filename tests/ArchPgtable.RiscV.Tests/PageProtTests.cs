namespace ArchPgtable.RiscV.Tests;

/// <summary>vm_get_page_prot() against riscv's protection_map[] (arch/riscv/mm/init.c); _PAGE_BASE = V|A|U = 0x51.</summary>
public class PageProtTests
{
    [Theory]
    [InlineData(VmFlags.None, 0x22UL)]                                                  // PAGE_NONE
    [InlineData(VmFlags.Read, 0x53UL)]                                                  // PAGE_READ
    [InlineData(VmFlags.Write, 0x53UL)]                                                 // PAGE_COPY
    [InlineData(VmFlags.Read | VmFlags.Write, 0x53UL)]                                  // PAGE_COPY
    [InlineData(VmFlags.Exec, 0x59UL)]                                                  // PAGE_EXEC
    [InlineData(VmFlags.Read | VmFlags.Exec, 0x5bUL)]                                   // PAGE_READ_EXEC
    [InlineData(VmFlags.Write | VmFlags.Exec, 0x5bUL)]                                  // PAGE_COPY_EXEC
    [InlineData(VmFlags.Shared, 0x22UL)]                                                // PAGE_NONE
    [InlineData(VmFlags.Shared | VmFlags.Read, 0x53UL)]                                 // PAGE_READ
    [InlineData(VmFlags.Shared | VmFlags.Write, 0x57UL)]                                // PAGE_SHARED
    [InlineData(VmFlags.Shared | VmFlags.Read | VmFlags.Write, 0x57UL)]                 // PAGE_SHARED
    [InlineData(VmFlags.Shared | VmFlags.Exec, 0x59UL)]                                 // PAGE_EXEC
    [InlineData(VmFlags.Shared | VmFlags.Write | VmFlags.Exec, 0x5fUL)]                 // PAGE_SHARED_EXEC
    [InlineData(VmFlags.Shared | VmFlags.Read | VmFlags.Write | VmFlags.Exec, 0x5fUL)]  // PAGE_SHARED_EXEC
    public void Protection_map(VmFlags flags, ulong prot) => Assert.Equal(new PteProt(prot), RiscVPteFormat.Instance.ProtFor(flags));
}
