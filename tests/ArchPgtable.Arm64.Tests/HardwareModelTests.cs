using ArchPgtable.Hardware;

namespace ArchPgtable.Arm64.Tests;

/// <summary>FEAT_HAFDBS on the worked examples of hardware-semantics.md §7.2 (PAGE_SHARED, pfn 0x12345).</summary>
public class HardwareModelTests
{
    private const ulong Shared = 0x0068000012345fc3;
    private static readonly Arm64HardwareModel Hafdbs = new(true, true, 16);
    private static readonly Arm64HardwareModel NoHd = new(true, false, 16);
    private static readonly Arm64HardwareModel Neither = new(false, false, 16);

    [Fact]
    public void A_write_with_ha_and_hd_clears_rdonly()
    {
        Assert.Equal(new MmuOutcome(MmuFaultKind.None, new Pte(0x0068000012345f43)), Hafdbs.Translate(new Pte(Shared), MemoryAccess.Write));
    }

    [Fact]
    public void A_write_without_hd_is_a_permission_fault()
    {
        Assert.Equal(MmuFaultKind.Permission, NoHd.Translate(new Pte(Shared), MemoryAccess.Write).Fault);
    }

    [Fact]
    public void An_old_entry_gets_the_access_flag_from_hardware_or_faults_before_permissions()
    {
        const ulong old = 0x0068000012345bc3;
        Assert.Equal(new Pte(Shared), Hafdbs.Translate(new Pte(old), MemoryAccess.Read).Updated);
        Assert.Equal(MmuFaultKind.AccessFlag, Neither.Translate(new Pte(old), MemoryAccess.Read).Fault);
        Assert.Equal(MmuFaultKind.AccessFlag, Neither.Translate(new Pte(old), MemoryAccess.Write).Fault);
        Assert.Equal(new Pte(0x0068000012345f43), Hafdbs.Translate(new Pte(old), MemoryAccess.Write).Updated);
    }

    [Fact]
    public void A_read_only_entry_without_dbm_faults_on_write_in_every_configuration()
    {
        var readOnly = new Pte(Shared & ~Arm64PteBits.PTE_DBM);
        Assert.Equal(MmuFaultKind.Permission, Hafdbs.Translate(readOnly, MemoryAccess.Write).Fault);
        Assert.Equal(MmuFaultKind.Permission, NoHd.Translate(readOnly, MemoryAccess.Write).Fault);
    }

    [Fact]
    public void Invalid_entries_are_translation_faults_and_only_valid_cont_entries_form_blocks()
    {
        Assert.Equal(MmuFaultKind.Translation, Hafdbs.Translate(Pte.None, MemoryAccess.Read).Fault);
        Assert.Equal(MmuFaultKind.Translation, Hafdbs.Translate(new Pte(Shared & ~1UL), MemoryAccess.Read).Fault);
        Assert.Equal(16, Hafdbs.BlockEntries(new Pte(Shared | Arm64PteBits.PTE_CONT)));
        Assert.Equal(1, Hafdbs.BlockEntries(new Pte(Shared)));
        Assert.Equal(1, Hafdbs.BlockEntries(new Pte((Shared | Arm64PteBits.PTE_CONT) & ~1UL)));
    }

    [Fact]
    public void Hd_without_ha_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new Arm64HardwareModel(false, true, 16));
    }

    [Fact]
    public void Afdbm_off_builds_a_machine_without_hardware_updates()
    {
        var arch = new Arm64ArchPlugin().Build(Support.TestConfigs.With(Support.TestConfigs.For(Arm64Granule.Granule4K), ("CONFIG_ARM64_HW_AFDBM", "n")));
        Assert.False(arch.Hardware.HardwareAccessFlag);
        Assert.Contains("no HAFDBS", arch.Description, StringComparison.Ordinal);
    }
}
