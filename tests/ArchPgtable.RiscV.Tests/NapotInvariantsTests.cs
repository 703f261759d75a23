using ArchPgtable.Generic;
using ArchPgtable.Generic.Contiguous;
using ArchPgtable.Plugins;
using ArchPgtable.RiscV.Tests.Support;

namespace ArchPgtable.RiscV.Tests;

/// <summary>
/// The block invariants riscv64 declares with its NAPOT layer: the Generic layer's
/// <see cref="ContiguousInvariants{TEncoding}"/> over <see cref="RiscVNapotEncoding"/> (16 identical NAPOT values
/// per aligned range, up to A/D), taken from the plugin as the host builds it.
/// </summary>
public class NapotInvariantsTests
{
    private const string NotAStart = "does not start a valid block at a block-aligned PFN";
    private const string NotConsistent = "is not what a consistent block holds there";

    private static readonly IArchInvariants Invariants = Builds.Arch().Invariants!;

    [Fact]
    public void Ranges_made_by_set_ptes_and_touched_by_the_hart_hold()
    {
        var w = new RiscVWorld();
        w.Map(16, RiscVWorld.BasePfn, 32, flags: 0x17);   // old and clean
        w.Touch(18, write: true);
        w.Touch(40, write: false);

        Assert.True(RiscVPte.Napot(w.Raw(16)) && RiscVPte.Napot(w.Raw(47)));
        Assert.NotEqual(w.Raw(17), w.Raw(18));
        Assert.NotEqual(w.Raw(39), w.Raw(40));
        Assert.Null(Invariants.Check(w.Table, 0, w.Table.Count));
    }

    [Fact]
    public void A_plain_entry_in_a_napot_range_is_named()
    {
        var w = new RiscVWorld();
        w.Map(16, RiscVWorld.BasePfn, 16);
        w.Table.Write(21, w.Plain(RiscVWorld.BasePfn + 5));

        var violation = Invariants.Check(w.Table, 21, 1);

        AssertNamed(violation, 16, 21, NotConsistent);
    }

    [Fact]
    public void A_sibling_with_another_base_pfn_is_named()
    {
        var w = new RiscVWorld();
        w.Map(16, RiscVWorld.BasePfn, 16);
        w.Table.Write(30, RiscVPte.MkNapot(w.Plain(RiscVWorld.BasePfn + 16)));

        var violation = Invariants.Check(w.Table, 16, 16);

        AssertNamed(violation, 16, 30, NotConsistent);
    }

    [Fact]
    public void A_range_written_from_the_middle_of_an_aligned_range_is_named()
    {
        var w = new RiscVWorld();
        var napot = RiscVPte.MkNapot(w.Plain(RiscVWorld.BasePfn));
        for (var i = 24; i < 40; i++)
        {
            w.Table.Write(i, napot);
        }

        var violation = Invariants.Check(w.Table, 24, 16);

        AssertNamed(violation, 16, 16, NotAStart);
    }

    [Fact]
    public void A_misprogrammed_last_range_of_the_table_is_named()
    {
        var w = new RiscVWorld();
        var last = w.Table.Count - 16;
        w.Map(last, RiscVWorld.BasePfn, 16);
        Assert.True(RiscVPte.Napot(w.Raw(w.Table.Count - 1)));
        Assert.Null(Invariants.Check(w.Table, 0, w.Table.Count));

        w.Table.Write(w.Table.Count - 1, new Pte(w.Raw(w.Table.Count - 1).Value & ~RiscVPteBits._PAGE_WRITE));

        var violation = Invariants.Check(w.Table, 0, w.Table.Count);
        AssertNamed(violation, last, w.Table.Count - 1, NotConsistent);
        Assert.Equal(violation, Invariants.Check(w.Table, w.Table.Count - 1, 1));
    }

    [Fact]
    public void The_view_has_no_private_bits_and_only_the_napot_layer_declares_invariants()
    {
        Assert.IsType<ContiguousInvariants<RiscVNapotEncoding>>(Invariants);
        Assert.Equal(0UL, Invariants.PrivateViewBits);
        Assert.Null(Builds.Arch((RiscVKconfig.Svnapot, "n")).Invariants);
        Assert.Null(Builds.Arch((CommonKconfig.TransparentHugepage, "n")).Invariants);
    }

    private static void AssertNamed(string? violation, int block, int entry, string rule)
    {
        Assert.NotNull(violation);
        Assert.Contains($"contiguous block at PTE index {block}: entry {entry} ", violation, StringComparison.Ordinal);
        Assert.Contains(rule, violation, StringComparison.Ordinal);
    }
}
