using ArchPgtable.Hardware;

namespace ArchPgtable.X86.Tests;

/// <summary>The x86-64 MMU: A and D set by a locked update, never a fault for them (hardware-semantics.md §6.2, §7.3).</summary>
public class HardwareModelTests
{
    private static readonly X86HardwareModel Cpu = X86HardwareModel.Instance;

    [Fact]
    public void A_write_sets_dirty_with_no_fault() =>
        Assert.Equal(new MmuOutcome(MmuFaultKind.None, new Pte(0x8000000012345067)), Cpu.Translate(new Pte(0x8000000012345027), MemoryAccess.Write));

    [Fact]
    public void An_old_entry_is_made_young_by_the_cpu_on_read_and_young_dirty_on_write()
    {
        Assert.Equal(new MmuOutcome(MmuFaultKind.None, new Pte(0x8000000012345027)), Cpu.Translate(new Pte(0x8000000012345007), MemoryAccess.Read));
        Assert.Equal(new MmuOutcome(MmuFaultKind.None, new Pte(0x8000000012345067)), Cpu.Translate(new Pte(0x8000000012345007), MemoryAccess.Write));
    }

    [Fact]
    public void An_entry_already_young_and_dirty_is_left_alone() =>
        Assert.Equal(new Pte(0x8000000012345067), Cpu.Translate(new Pte(0x8000000012345067), MemoryAccess.Write).Updated);

    [Theory]
    [InlineData(0x8000000012345025UL, MemoryAccess.Write, MmuFaultKind.Permission)]  // read-only: #PF P=1 W=1, D not set
    [InlineData(0x8400000012345025UL, MemoryAccess.Write, MmuFaultKind.Permission)]  // read-only, SavedDirty
    [InlineData(0x8000000012345023UL, MemoryAccess.Read, MmuFaultKind.Permission)]   // supervisor page
    [InlineData(0x0000000012345120UL, MemoryAccess.Read, MmuFaultKind.Translation)]  // PROT_NONE: P=0
    [InlineData(0x0000000000005000UL, MemoryAccess.Read, MmuFaultKind.Translation)]  // swap entry
    [InlineData(0UL, MemoryAccess.Write, MmuFaultKind.Translation)]
    public void Faults(ulong value, MemoryAccess access, MmuFaultKind kind) =>
        Assert.Equal(kind, Cpu.Translate(new Pte(value), access).Fault);

    [Fact]
    public void Hardware_young_and_no_contiguous_blocks()
    {
        Assert.True(Cpu.HardwareAccessFlag);
        Assert.Equal(1, Cpu.BlockEntries(new Pte(0x8000000012345027)));
        Assert.Equal(1, Cpu.BlockEntries(new Pte(0x80000000123450a7)));       // PAT bit: not a size bit at level 1
    }
}
