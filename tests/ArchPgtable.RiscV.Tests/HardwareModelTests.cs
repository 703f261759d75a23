using ArchPgtable.Hardware;

namespace ArchPgtable.RiscV.Tests;

/// <summary>The RV64 hart: Svadu updates A/D atomically, Svade faults for them (hardware-semantics.md §5.2, §7.4).</summary>
public class HardwareModelTests
{
    private static readonly RiscVHardwareModel Svadu = new(svadu: true, svnapot: true);
    private static readonly RiscVHardwareModel Svade = new(svadu: false, svnapot: true);
    private static readonly RiscVHardwareModel NoNapot = new(svadu: true, svnapot: false);

    [Fact]
    public void A_store_to_page_write_sets_d_with_svadu_and_faults_with_svade()
    {
        Assert.Equal(new MmuOutcome(MmuFaultKind.None, new Pte(0x48d14d7)), Svadu.Translate(new Pte(0x48d1457), MemoryAccess.Write));
        Assert.Equal(MmuFaultKind.Permission, Svade.Translate(new Pte(0x48d1457), MemoryAccess.Write).Fault); // store page fault
        Assert.Equal(new MmuOutcome(MmuFaultKind.None, new Pte(0x48d14d7)), Svade.Translate(new Pte(0x48d14d7), MemoryAccess.Write));
    }

    [Fact]
    public void An_old_entry_gets_a_from_svadu_and_faults_with_svade()
    {
        Assert.Equal(new Pte(0x48d1457), Svadu.Translate(new Pte(0x48d1417), MemoryAccess.Read).Updated);
        Assert.Equal(new Pte(0x48d14d7), Svadu.Translate(new Pte(0x48d1417), MemoryAccess.Write).Updated); // A and D in one update
        Assert.Equal(MmuFaultKind.AccessFlag, Svade.Translate(new Pte(0x48d1417), MemoryAccess.Read).Fault);  // load page fault
        Assert.Equal(MmuFaultKind.AccessFlag, Svade.Translate(new Pte(0x48d1417), MemoryAccess.Write).Fault);
        Assert.Equal(new Pte(0x48d1457), Svade.Translate(new Pte(0x48d1457), MemoryAccess.Read).Updated);
    }

    [Theory]
    [InlineData(0x48d1453UL, MemoryAccess.Write, MmuFaultKind.Permission)]  // W=0
    [InlineData(0x48d1459UL, MemoryAccess.Read, MmuFaultKind.Permission)]   // execute-only (no MXR)
    [InlineData(0x48d1447UL, MemoryAccess.Read, MmuFaultKind.Permission)]   // no U
    [InlineData(0x48d1422UL, MemoryAccess.Read, MmuFaultKind.Translation)]  // PROT_NONE: V=0
    [InlineData(0x48d1455UL, MemoryAccess.Read, MmuFaultKind.Translation)]  // W without R: reserved
    [InlineData(0x48d1451UL, MemoryAccess.Read, MmuFaultKind.Translation)]  // no R/W/X: a pointer at level 0
    [InlineData(0x00400000048d1457UL, MemoryAccess.Read, MmuFaultKind.Translation)] // reserved bit 54
    [InlineData(0x60000000048d1457UL, MemoryAccess.Read, MmuFaultKind.Translation)] // PBMT = 3
    [InlineData(0x80000000048d1c57UL, MemoryAccess.Read, MmuFaultKind.Translation)] // N with ppn[3:0] = 0111b
    [InlineData(0x5000UL, MemoryAccess.Write, MmuFaultKind.Translation)]             // swap entry
    public void Faults(ulong value, MemoryAccess access, MmuFaultKind kind)
    {
        Assert.Equal(kind, Svadu.Translate(new Pte(value), access).Fault);
        Assert.Equal(kind, Svade.Translate(new Pte(value), access).Fault);
    }

    [Fact]
    public void A_napot_entry_is_a_16_entry_block_only_with_svnapot()
    {
        var napot = new Pte(0x80000000048d20d7);
        Assert.Equal(16, Svadu.BlockEntries(napot));
        Assert.Equal(1, Svadu.BlockEntries(new Pte(0x48d14d7)));
        Assert.Equal(1, Svadu.BlockEntries(new Pte(0x80000000048d20d6)));              // not valid
        Assert.Equal(1, NoNapot.BlockEntries(napot));
        Assert.Equal(MmuFaultKind.Translation, NoNapot.Translate(napot, MemoryAccess.Read).Fault); // N is reserved without Svnapot
    }

    [Fact]
    public void The_hart_updates_a_napot_entry_in_place_keeping_its_encoding()
    {
        var old = new Pte(0x80000000048d2017);
        Assert.Equal(new Pte(0x80000000048d20d7), Svadu.Translate(old, MemoryAccess.Write).Updated);
        Assert.Equal(MmuFaultKind.AccessFlag, Svade.Translate(old, MemoryAccess.Write).Fault);
    }

    [Fact]
    public void Hardware_young_is_svadu()
    {
        Assert.True(Svadu.HardwareAccessFlag);
        Assert.False(Svade.HardwareAccessFlag);
        Assert.Contains("Svade", Svade.Description, StringComparison.Ordinal);
    }
}
