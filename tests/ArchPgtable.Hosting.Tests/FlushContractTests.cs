namespace ArchPgtable.Hosting.Tests;

/// <summary>
/// A helper does not flush the TLB for the entries it changes; the caller does (the mm operations through
/// their mmu_gather, an embedder with <see cref="ArchPgtableMachine.FlushTlbRange"/>). Until then the MMU
/// keeps using the stale cached descriptor.
/// </summary>
public sealed class FlushContractTests
{
    private const ulong Va = 0x4000_0000;

    [Theory]
    [InlineData("generic")]
    [InlineData("arm64")]
    [InlineData("x86_64")]
    [InlineData("riscv64")]
    public void A_write_after_clear_young_dirty_ptes_hits_the_stale_TLB_entry_until_the_caller_flushes(string arch)
    {
        using var machine = ArchPgtableMachine.Create(arch);
        machine.Map(Va, machine.Geometry.PageSize);
        machine.Write(Va);
        Assert.True(machine.Format.Dirty(machine.PtepGet(Va)));

        var flushes = machine.Counters.TlbFlushes;
        machine.Ops.ClearYoungDirtyPtes(machine.Mm, Va, machine.PtePointer(Va), 1, CydpFlags.Young | CydpFlags.Dirty);
        Assert.Equal(flushes, machine.Counters.TlbFlushes);

        machine.Write(Va);
        Assert.False(machine.Format.Dirty(machine.PtepGet(Va)));

        machine.FlushTlbRange(Va, machine.Geometry.PageSize);
        machine.Write(Va);
        Assert.True(machine.Format.Dirty(machine.PtepGet(Va)));
    }
}
