using ArchPgtable.Arm64.Tests.Support;
using static ArchPgtable.Arm64.Arm64PteBits;

namespace ArchPgtable.Arm64.Tests;

public class BatchHintTests
{
    [Theory]
    [MemberData(nameof(Granules.All), MemberType = typeof(Granules))]
    public void Cont_entry_hints_the_entries_left_in_its_block(Arm64Granule g)
    {
        var w = new World(g);
        var c = w.C;
        w.Map(c, World.BasePfn, c);
        Assert.Equal(c, w.Ops.PteBatchHint(w.P(c), w.Get(c)));
        Assert.Equal(c - 1, w.Ops.PteBatchHint(w.P(c + 1), w.Get(c + 1)));
        Assert.Equal(c - 5, w.Ops.PteBatchHint(w.P(c + 5), w.Get(c + 5)));
        Assert.Equal(1, w.Ops.PteBatchHint(w.P((2 * c) - 1), w.Get((2 * c) - 1)));
    }

    [Theory]
    [MemberData(nameof(Granules.All), MemberType = typeof(Granules))]
    public void Non_cont_or_invalid_cont_entry_hints_one(Arm64Granule g)
    {
        var w = new World(g);
        var c = w.C;
        w.Map(0, World.BasePfn + 1, c);                         // not cont
        Assert.Equal(1, w.Ops.PteBatchHint(w.P(0), w.Get(0)));
        var invalidCont = new Pte(PTE_CONT | PTE_NG | PTE_RDONLY);  // CONT bit on a present-invalid entry
        Assert.Equal(1, w.Ops.PteBatchHint(w.P(c), invalidCont));
    }

    [Theory]
    [MemberData(nameof(Granules.All), MemberType = typeof(Granules))]
    public void Without_contpte_the_hint_is_the_generic_one(Arm64Granule g)
    {
        var w = new World(g, gr => new Arm64NoContPteOps(gr));
        var c = w.C;
        var cont = Arm64Pte.MkCont(w.Fresh(World.BasePfn));
        Arm64RawPtes.SetPtes(w.Fmt, w.P(0), cont, c);
        Assert.Equal(1, w.Ops.PteBatchHint(w.P(0), w.Get(0)));
    }
}
