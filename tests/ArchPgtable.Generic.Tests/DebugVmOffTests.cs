namespace ArchPgtable.Generic.Tests;

/// <summary>With CONFIG_DEBUG_VM=n the entry-level checks are skipped (the helpers trust the caller).</summary>
public class DebugVmOffTests
{
    [Fact]
    public void The_generic_arch_honours_CONFIG_DEBUG_VM()
    {
        Assert.True(((GenericPageTableOps)GenericRig.BuildGeneric(debugVm: true).Ops).DebugVm);
        Assert.False(((GenericPageTableOps)GenericRig.BuildGeneric(debugVm: false).Ops).DebugVm);
    }

    [Fact]
    public void ClearYoungDirtyPtes_runs_over_a_none_entry_and_leaves_it_none()
    {
        var rig = new GenericRig(debugVm: false).SeedStandardBatch().Seed((10, 0));

        var cost = rig.Measure(() => rig.Ops.ClearYoungDirtyPtes(rig.Mm, GenericRig.Addr(8), rig.Ptep(8), 4, CydpFlags.Young | CydpFlags.Dirty));

        Assert.Equal([0x1208013UL, 0x1209011UL, 0UL, 0x120B011UL], rig.Words()[8..12]);
        Assert.Equal(GenericRig.Cost(reads: 4, writes: 8), cost);
    }

    [Fact]
    public void WrprotectPtes_runs_over_a_none_entry_and_leaves_it_none()
    {
        var rig = new GenericRig(debugVm: false).SeedStandardBatch().Seed((9, 0));

        rig.Ops.WrprotectPtes(rig.Mm, GenericRig.Addr(8), rig.Ptep(8), 4);

        Assert.Equal([0x120801DUL, 0UL, 0x120A015UL, 0x120B019UL], rig.Words()[8..12]);
    }

    [Fact]
    public void GetAndClearFullPtes_runs_over_a_none_entry()
    {
        var rig = new GenericRig(debugVm: false).SeedStandardBatch().Seed((8, 0));

        // First entry none: gathering young (10) and dirty (11) into 0 gives 0xc.
        var pte = rig.Ops.GetAndClearFullPtes(rig.Mm, GenericRig.Addr(8), rig.Ptep(8), 4, false);

        Assert.Equal(0xCUL, pte.Value);
        Assert.Equal(new ulong[4], rig.Words()[8..12]);
    }

    [Fact]
    public void SetPtes_of_several_entries_overwrites_present_targets()
    {
        var rig = new GenericRig(debugVm: false).SeedStandardBatch();

        var cost = rig.Measure(() => rig.Ops.SetPtes(rig.Mm, GenericRig.Addr(8), rig.Ptep(8), new Pte(0x3000013), 4));

        Assert.Equal([0x120701FUL, 0x3000013UL, 0x3001013UL, 0x3002013UL, 0x3003013UL, 0x120C01FUL], rig.Words()[7..13]);
        Assert.Equal(GenericRig.Cost(writes: 4), cost);
    }
}
