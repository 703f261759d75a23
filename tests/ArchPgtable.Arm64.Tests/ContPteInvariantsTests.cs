using ArchPgtable.Arm64.Tests.Support;
using ArchPgtable.Generic.Contiguous;
using ArchPgtable.Plugins;
using static ArchPgtable.Arm64.Arm64PteBits;

namespace ArchPgtable.Arm64.Tests;

/// <summary>
/// The contiguous-block invariants arm64 declares for the contract suite: the Generic layer's
/// <see cref="ContiguousInvariants{TEncoding}"/> over <see cref="Arm64ContEncoding"/>, taken from the plugin as the
/// host builds it.
/// </summary>
public class ContPteInvariantsTests
{
    private const string NotAStart = "does not start a valid block at a block-aligned PFN";
    private const string NotConsistent = "is not what a consistent block holds there";

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
        Assert.Null(Invariants(g).Check(w.Table, 0, w.Table.Count));
    }

    [Theory]
    [MemberData(nameof(Granules.All), MemberType = typeof(Granules))]
    public void An_entry_without_cont_in_a_cont_block_is_named(Arm64Granule g)
    {
        var w = OneBlockAtZero(g);
        w.Table.Write(5, Arm64Pte.MkNonCont(w.Raw(5)));

        var violation = Invariants(g).Check(w.Table, 5, 1);

        AssertNamed(violation, 0, 5, NotConsistent);
    }

    [Theory]
    [MemberData(nameof(Granules.All), MemberType = typeof(Granules))]
    public void A_sibling_with_another_pfn_is_named(Arm64Granule g)
    {
        var w = OneBlockAtZero(g);
        w.Table.Write(w.C - 2, w.Fmt.AdvancePfn(w.Raw(w.C - 2), 1));

        var violation = Invariants(g).Check(w.Table, 0, w.C);

        AssertNamed(violation, 0, w.C - 2, NotConsistent);
    }

    [Theory]
    [MemberData(nameof(Granules.All), MemberType = typeof(Granules))]
    public void A_block_written_from_the_middle_of_an_aligned_range_is_named(Arm64Granule g)
    {
        var w = new World(g);
        var first = Arm64Pte.MkCont(w.Fresh(World.BasePfn));
        for (var k = 0; k < w.C; k++)
        {
            w.Table.Write((w.C / 2) + k, w.Fmt.AdvancePfn(first, k));
        }

        var violation = Invariants(g).Check(w.Table, w.C / 2, w.C);

        AssertNamed(violation, 0, 0, NotAStart);
    }

    [Theory]
    [MemberData(nameof(Granules.All), MemberType = typeof(Granules))]
    public void A_misprogrammed_last_block_of_the_table_is_named(Arm64Granule g)
    {
        var w = new World(g);
        var last = w.Table.Count - w.C;
        w.Mm.AddFolio(World.BasePfn, w.C);
        w.Map(last, World.BasePfn, w.C);
        var inv = Invariants(g);
        Assert.True(w.IsCont(w.Table.Count - 1));
        Assert.Null(inv.Check(w.Table, 0, w.Table.Count));

        w.Table.Write(w.Table.Count - 1, new Pte(w.Raw(w.Table.Count - 1).Value & ~PTE_WRITE));

        var violation = inv.Check(w.Table, 0, w.Table.Count);
        AssertNamed(violation, last, w.Table.Count - 1, NotConsistent);
        Assert.Equal(violation, inv.Check(w.Table, w.Table.Count - 1, 1));
    }

    [Fact]
    public void A_block_at_an_unaligned_pfn_is_named()
    {
        var g = Arm64Granule.Granule4K;
        var w = new World(g);
        w.Mm.AddFolio(World.BasePfn, 16);
        w.Map(0, World.BasePfn, 16);
        for (var i = 0; i < 16; i++)
        {
            w.Table.Write(i, w.Fmt.AdvancePfn(w.Raw(i), 1));
        }

        Assert.Contains(NotAStart, Invariants(g).Check(w.Table, 0, 16), StringComparison.Ordinal);
    }

    [Fact]
    public void Differing_access_and_dirty_state_is_allowed_and_cont_is_the_private_view_bit()
    {
        var inv = Invariants(Arm64Granule.Granule4K);
        var w = new World(Arm64Granule.Granule4K);
        w.Mm.AddFolio(World.BasePfn, 16);
        w.Map(0, World.BasePfn, 16);
        w.Table.Write(2, Arm64Pte.MkDirty(Arm64Pte.MkYoung(w.Raw(2))));
        w.Touch(7);

        Assert.Null(inv.Check(w.Table, 0, 16));
        Assert.Equal(PTE_CONT, inv.PrivateViewBits);
        Assert.Equal(3, inv.Descriptions.Count);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void The_plugin_declares_the_generic_layer_invariants_with_and_without_contpte(bool contPte)
    {
        var arch = new Arm64ArchPlugin().Build(TestConfigs.For(Arm64Granule.Granule16K, contPte));
        Assert.IsType<ContiguousInvariants<Arm64ContEncoding>>(arch.Invariants);
    }

    /// <summary>A world whose first CONT_PTES entries map one contiguous block by set_ptes.</summary>
    private static World OneBlockAtZero(Arm64Granule g)
    {
        var w = new World(g);
        w.Mm.AddFolio(World.BasePfn, w.C);
        w.Map(0, World.BasePfn, w.C);
        return w;
    }

    private static void AssertNamed(string? violation, int block, int entry, string rule)
    {
        Assert.NotNull(violation);
        Assert.Contains($"contiguous block at PTE index {block}: entry {entry} ", violation, StringComparison.Ordinal);
        Assert.Contains(rule, violation, StringComparison.Ordinal);
    }

    private static IArchInvariants Invariants(Arm64Granule g) =>
        new Arm64ArchPlugin().Build(TestConfigs.For(g)).Invariants!;
}
