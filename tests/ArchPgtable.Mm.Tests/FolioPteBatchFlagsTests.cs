using ArchPgtable.Mm.Operations;
using ArchPgtable.Plugins;
using ArchPgtable.Testing;

namespace ArchPgtable.Mm.Tests;

/// <summary><c>folio_pte_batch_flags()</c> / <c>folio_pte_batch()</c> (mainline form) on every configuration: the boundaries and each flag.</summary>
public class FolioPteBatchFlagsTests
{
    private const ulong Pfn = 0x1000;
    private const int Pages = 32;

    /// <summary>A 32-page folio mapped writable and young with set_ptes(), its last page at the table's last entry when <paramref name="atTableEnd"/>.</summary>
    private static (ArchInstance Arch, PtePointer First, TestMm Mm) Map(string config, bool atTableEnd)
    {
        var arch = Machines.Build(config);
        var mm = new TestMm();
        var table = mm.NewTable(arch.Geometry);
        var f = arch.Format;
        var first = atTableEnd ? arch.Geometry.PtrsPerPte - Pages : Pages;
        var pte = f.MkYoung(f.MkWrite(f.PfnPte(Pfn, f.ProtFor(VmFlags.Read | VmFlags.Write))));
        arch.Ops.SetPtes(mm, (ulong)first << arch.Geometry.PageShift, table[first], pte, Pages);
        return (arch, table[first], mm);
    }

    [Theory]
    [MemberData(nameof(Machines.All), MemberType = typeof(Machines))]
    public void A_batch_from_mid_folio_ends_exactly_at_the_table_end(string config)
    {
        var (arch, first, _) = Map(config, atTableEnd: true);
        var start = first + 13;
        var pte = arch.Ops.PtepGet(start);
        var toEnd = start.EntriesToTableEnd;

        Assert.Equal(Pages - 13, toEnd);
        Assert.Equal(toEnd, FolioPteBatch.BatchFlags(arch.Ops, new FolioExtent(Pfn, Pages), start, ref pte, toEnd, FpbFlags.None));
        Assert.Equal(toEnd, FolioPteBatch.Batch(arch.Ops, new FolioExtent(Pfn, Pages), start, arch.Ops.PtepGet(start), toEnd));
    }

    [Theory]
    [MemberData(nameof(Machines.All), MemberType = typeof(Machines))]
    public void Max_nr_one_and_the_folio_end_bound_the_batch(string config)
    {
        var (arch, first, _) = Map(config, atTableEnd: false);
        var pte = arch.Ops.PtepGet(first + 5);

        Assert.Equal(1, FolioPteBatch.Batch(arch.Ops, new FolioExtent(Pfn, Pages), first + 5, pte, 1));
        Assert.Equal(Pages - 5, FolioPteBatch.Batch(arch.Ops, new FolioExtent(Pfn, Pages), first + 5, pte, 200));
        Assert.Equal(16 - 5, FolioPteBatch.Batch(arch.Ops, new FolioExtent(Pfn, 16), first + 5, pte, 200));
    }

    [Theory]
    [MemberData(nameof(Machines.All), MemberType = typeof(Machines))]
    public void Write_and_dirty_end_the_batch_only_when_respected_and_merge_only_when_asked(string config)
    {
        var (arch, first, mm) = Map(config, atTableEnd: false);
        var ops = arch.Ops;
        var f = arch.Format;
        ops.PtepSetWrprotect(mm, (ulong)first.Index << arch.Geometry.PageShift, first);
        var p9 = first + 9;
        ops.PtepSetAccessFlags(mm, (ulong)p9.Index << arch.Geometry.PageShift, p9, f.MkDirty(ops.PtepGet(p9)), true);
        var folio = new FolioExtent(Pfn, Pages);
        var dirty9 = f.Dirty(ops.PtepGet(p9));
        var firstView = ops.PtepGet(first);

        // Past the write-protected entry 0 and the dirty entry 9 (at least the first 16 entries; on arm64 4K a batch
        // ends where the still-contiguous second block starts, as pte_same() compares PTE_CONT in the kernel too).
        var copy = firstView;
        Assert.InRange(FolioPteBatch.BatchFlags(ops, folio, first, ref copy, Pages, FpbFlags.None), 16, Pages);
        Assert.Equal(firstView, copy);

        copy = firstView;
        Assert.Equal(1, FolioPteBatch.BatchFlags(ops, folio, first, ref copy, Pages, FpbFlags.RespectWrite));

        copy = firstView;
        var n = FolioPteBatch.BatchFlags(ops, folio, first, ref copy, Pages, FpbFlags.MergeWrite | FpbFlags.MergeYoungDirty);
        Assert.InRange(n, 16, Pages);
        Assert.True(f.Write(copy), f.Describe(copy));
        Assert.Equal(dirty9 || f.Dirty(firstView), f.Dirty(copy));

        copy = firstView;
        var respectDirty = FolioPteBatch.BatchFlags(ops, folio, first, ref copy, Pages, FpbFlags.RespectDirty);
        Assert.True(respectDirty <= 9 || !dirty9, $"a dirty entry at 9 was batched with the clean first entry ({respectDirty})");
    }

    [Theory]
    [InlineData("x86_64")]
    [InlineData("x86_64-nosaveddirty")]
    public void Soft_dirty_ends_the_batch_only_under_FPB_RESPECT_SOFT_DIRTY(string config)
    {
        var (arch, first, mm) = Map(config, atTableEnd: false);
        var ops = arch.Ops;
        var f = arch.Format;
        Assert.True(f.HasSoftDirty);
        var p6 = first + 6;
        var addr = (ulong)p6.Index << arch.Geometry.PageShift;
        var old = ops.PtepModifyProtStart(mm, addr, p6);
        ops.PtepModifyProtCommit(mm, addr, p6, old, f.MkSoftDirty(old));
        var folio = new FolioExtent(Pfn, Pages);
        var pte = ops.PtepGet(first);

        Assert.True(f.SoftDirty(ops.PtepGet(p6)));
        Assert.Equal(Pages, FolioPteBatch.BatchFlags(ops, folio, first, ref pte, Pages, FpbFlags.None));
        Assert.Equal(6, FolioPteBatch.BatchFlags(ops, folio, first, ref pte, Pages, FpbFlags.RespectSoftDirty));
    }

    [Theory]
    [MemberData(nameof(Machines.All), MemberType = typeof(Machines))]
    public void Without_soft_dirty_the_v6_10_call_and_folio_pte_batch_agree(string config)
    {
        var (arch, first, mm) = Map(config, atTableEnd: true);
        var ops = arch.Ops;
        ops.PtepGetAndClear(mm, (ulong)(first + 20).Index << arch.Geometry.PageShift, first + 20);
        var folio = new FolioExtent(Pfn, Pages);
        for (var s = 0; s < Pages; s += 3)
        {
            var p = first + s;
            var pte = ops.PtepGet(p);
            if (!arch.Format.Present(pte) || arch.Format.HasSoftDirty)
            {
                continue;
            }

            Assert.Equal(
                FolioPteBatch.Batch(ops, folio, p, pte, p.EntriesToTableEnd, ignoreDirty: true, out _),
                FolioPteBatch.Batch(ops, folio, p, pte, p.EntriesToTableEnd));
        }
    }

    [Fact]
    public void A_first_entry_outside_the_folio_is_rejected()
    {
        var (arch, first, _) = Map("generic", atTableEnd: false);
        var pte = arch.Ops.PtepGet(first);
        Assert.Throws<ArgumentException>(() => FolioPteBatch.BatchFlags(arch.Ops, new FolioExtent(Pfn + 64, 4), first, ref pte, 4, FpbFlags.None));
    }
}
