using ArchPgtable.Mm.Operations;
using ArchPgtable.Testing;

namespace ArchPgtable.Mm.Tests;

public class FolioPteBatchTests
{
    private const ulong Pfn = 0x1000;

    private static (IPageTableOps Ops, PtePointer Ptep, TestMm Mm) Setup()
    {
        var arch = Machines.Generic();
        var mm = new TestMm();
        var table = mm.NewTable(arch.Geometry);
        var prot = arch.Format.ProtFor(VmFlags.Read | VmFlags.Write | VmFlags.Shared);
        arch.Ops.SetPtes(mm, 0, table[0], arch.Format.PfnPte(Pfn, prot), 16);
        return (arch.Ops, table[0], mm);
    }

    [Fact]
    public void A_uniform_folio_mapping_is_one_batch_capped_by_max_nr()
    {
        var (ops, ptep, _) = Setup();
        var folio = new FolioExtent(Pfn, 16);
        Assert.Equal(16, FolioPteBatch.Batch(ops, folio, ptep, ops.PtepGet(ptep), 16, ignoreDirty: true, out var any));
        Assert.Equal(new BatchBits(true, false, false), any);
        Assert.Equal(5, FolioPteBatch.Batch(ops, folio, ptep, ops.PtepGet(ptep), 5, ignoreDirty: true, out _));
    }

    [Fact]
    public void Young_and_write_are_ignored_dirty_only_when_asked_and_reported_in_any()
    {
        var (ops, ptep, _) = Setup();
        var fmt = ops.Format;
        var p3 = ptep + 3;
        p3.Write(fmt.MkYoung(fmt.WrProtect(p3.Read())));
        var p7 = ptep + 7;
        p7.Write(fmt.MkDirty(p7.Read()));
        var folio = new FolioExtent(Pfn, 16);

        Assert.Equal(16, FolioPteBatch.Batch(ops, folio, ptep, ops.PtepGet(ptep), 16, ignoreDirty: true, out var any));
        Assert.Equal(new BatchBits(true, true, true), any);
        Assert.Equal(7, FolioPteBatch.Batch(ops, folio, ptep, ops.PtepGet(ptep), 16, ignoreDirty: false, out _));
    }

    [Fact]
    public void The_batch_stops_at_a_hole_a_pfn_gap_and_the_folio_end()
    {
        var (ops, ptep, _) = Setup();
        var fmt = ops.Format;
        Assert.Equal(8, FolioPteBatch.Batch(ops, new FolioExtent(Pfn, 8), ptep, ops.PtepGet(ptep), 16, true, out _));

        (ptep + 10).Write(Pte.None);
        Assert.Equal(10, FolioPteBatch.Batch(ops, new FolioExtent(Pfn, 16), ptep, ops.PtepGet(ptep), 16, true, out _));

        (ptep + 4).Write(fmt.AdvancePfn((ptep + 4).Read(), 1));
        Assert.Equal(4, FolioPteBatch.Batch(ops, new FolioExtent(Pfn, 16), ptep, ops.PtepGet(ptep), 16, true, out _));
    }
}
