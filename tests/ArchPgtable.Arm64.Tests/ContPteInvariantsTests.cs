using ArchPgtable.Arm64.Tests.Support;
using static ArchPgtable.Arm64.Arm64PteBits;

namespace ArchPgtable.Arm64.Tests;

/// <summary>The arm64 contiguous-block invariants the plugin declares for the contract suite.</summary>
public class ContPteInvariantsTests
{
    [Theory]
    [MemberData(nameof(Granules.All), MemberType = typeof(Granules))]
    public void Blocks_made_by_set_ptes_and_touched_by_hardware_hold(Arm64Granule g)
    {
        var w = new World(g);
        w.Mm.AddFolio(World.BasePfn, 2 * w.C);
        w.Map(0, World.BasePfn, 2 * w.C);
        w.Touch(3);
        w.Touch(w.C + 1, write: false);

        Assert.True(w.IsCont(0));
        Assert.Null(new Arm64ContPteInvariants(g).Check(w.Table, 0, w.Table.Count));
    }

    [Theory]
    [MemberData(nameof(Granules.All), MemberType = typeof(Granules))]
    public void An_entry_without_cont_in_a_cont_block_is_named(Arm64Granule g)
    {
        var w = new World(g);
        w.Mm.AddFolio(World.BasePfn, w.C);
        w.Map(0, World.BasePfn, w.C);
        w.Table.Write(5, Arm64Pte.MkNonCont(w.Raw(5)));

        var violation = new Arm64ContPteInvariants(g).Check(w.Table, 5, 1);

        Assert.NotNull(violation);
        Assert.Contains("entry 5", violation, StringComparison.Ordinal);
        Assert.Contains("not valid and PTE_CONT", violation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_wrong_pfn_an_unaligned_pfn_and_a_differing_write_bit_are_violations()
    {
        var g = Arm64Granule.Granule4K;
        var inv = new Arm64ContPteInvariants(g);
        var w = new World(g);
        w.Mm.AddFolio(World.BasePfn, 16);
        w.Map(0, World.BasePfn, 16);

        var pfn = w.Raw(7);
        w.Table.Write(7, w.Fmt.AdvancePfn(pfn, 1));
        Assert.Contains("maps pfn", inv.Check(w.Table, 0, 16), StringComparison.Ordinal);
        w.Table.Write(7, pfn);

        w.Table.Write(9, new Pte(w.Raw(9).Value & ~PTE_WRITE));
        Assert.Contains("more than PTE_AF", inv.Check(w.Table, 0, 16), StringComparison.Ordinal);
        w.Table.Write(9, new Pte(w.Raw(9).Value | PTE_WRITE));
        Assert.Null(inv.Check(w.Table, 0, 16));

        for (var i = 0; i < 16; i++)
        {
            w.Table.Write(i, w.Fmt.AdvancePfn(w.Raw(i), 1));
        }

        Assert.Contains("not aligned", inv.Check(w.Table, 0, 16), StringComparison.Ordinal);
    }

    [Fact]
    public void Differing_access_and_dirty_state_is_allowed_and_cont_is_the_private_view_bit()
    {
        var inv = new Arm64ContPteInvariants(Arm64Granule.Granule4K);
        var w = new World(Arm64Granule.Granule4K);
        w.Mm.AddFolio(World.BasePfn, 16);
        w.Map(0, World.BasePfn, 16);
        w.Table.Write(2, Arm64Pte.MkDirty(Arm64Pte.MkYoung(w.Raw(2))));

        Assert.Null(inv.Check(w.Table, 0, 16));
        Assert.Equal(PTE_CONT, inv.PrivateViewBits);
        Assert.Equal(3, inv.Descriptions.Count);
    }

    [Fact]
    public void The_plugin_declares_the_invariants()
    {
        var arch = new Arm64ArchPlugin().Build(TestConfigs.For(Arm64Granule.Granule16K));
        Assert.IsType<Arm64ContPteInvariants>(arch.Invariants);
    }
}
