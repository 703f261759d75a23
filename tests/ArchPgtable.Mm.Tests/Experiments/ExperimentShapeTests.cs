using ArchPgtable.Mm.Experiments;

namespace ArchPgtable.Mm.Tests.Experiments;

/// <summary>Every experiment of the catalog against the shape of its published table, on the published page size.</summary>
public sealed class ExperimentShapeTests
{
    private const ulong Region = 8UL << 20;

    private static readonly ulong[] PublishedSizes = [4096, 16384, 32768, 65536, 131072, 262144, 524288, 1048576];

    private static List<ExperimentRow> Rows(string experiment, string arch, params ulong[] folios)
    {
        var e = ExperimentCatalog.Find(experiment)!;
        var setup = new ExperimentSetup(Machines.Build(arch));
        Assert.Null(e.Check(setup));
        return [.. (folios.Length == 0 ? PublishedSizes : folios).Select(f => e.RunRow(setup, Region, f))];
    }

    [Theory]
    [InlineData("arm64-4k")]
    [InlineData("x86_64")]
    [InlineData("generic")]
    public void Lazyfree_changes_have_the_published_signs_and_order_and_new_never_splits(string arch)
    {
        var rows = Rows("lazyfree", arch);

        ExperimentShape.SignsMatch(rows);
        ExperimentShape.OrderMatches(rows);
        Assert.All(rows, r => Assert.Equal(0, r.New.Cost.FolioSplits));
        Assert.All(rows.Skip(1), r => Assert.True(r.Old.Cost.FolioSplits > 0));
        // Published: new time falls as folios grow.
        Assert.True(rows.Zip(rows.Skip(1)).All(p => p.Second.New.SimulatedMs < p.First.New.SimulatedMs));
    }

    [Theory]
    [InlineData("arm64-4k")]
    [InlineData("arm64-16k")]
    [InlineData("arm64-64k")]
    [InlineData("arm64-4k-nocontpte-noafdbm")]
    [InlineData("x86_64")]
    [InlineData("riscv64-sv48")]
    [InlineData("generic")]
    public void Lazyfree_pmd_row_is_the_published_2048K_row_flat_and_without_a_split(string arch)
    {
        var e = ExperimentCatalog.Find("lazyfree")!;
        var a = Machines.Build(arch);
        var g = a.Geometry;
        var setup = new ExperimentSetup(a);
        var region = Math.Max(Region, 2 * g.PmdSize);
        Assert.True(e.IsModelled(g, g.PmdSize));

        var pmd = e.RunRow(setup, region, g.PmdSize);
        var below = e.RunRow(setup, region, g.PmdSize / 2);

        Assert.Equal(2048UL, pmd.Published?.FolioKiB);           // matched as the PMD order of the granule, not by bytes
        ExperimentShape.SignsMatch([pmd]);                       // published 0%: old and new within 5%
        Assert.Equal(pmd.Old.SimulatedMs, pmd.New.SimulatedMs);  // both take madvise_free_huge_pmd()
        foreach (var side in new[] { pmd.Old, pmd.New })
        {
            Assert.Equal(0, side.Cost.FolioSplits);
            Assert.Equal(0, side.Metric("pmd_splits"));
            Assert.Equal(0, side.Cost.Folds);
            Assert.Equal(0, side.Cost.Unfolds);
            Assert.Equal((double)(region / g.PmdSize), side.Metric("lazyfree_folios"));
            Assert.Equal((double)(region >> g.PageShift), side.Metric("clean_old_pages"));
        }

        // Published: the PMD-mapped row is cheaper than the largest PTE-mapped one on both sides.
        Assert.True(pmd.New.SimulatedMs < below.New.SimulatedMs);
        Assert.True(pmd.Old.SimulatedMs < below.Old.SimulatedMs);
    }

    [Theory]
    [InlineData("x86_64")]
    [InlineData("arm64-4k")]
    [InlineData("arm64-4k-nocontpte")]
    [InlineData("riscv64-sv48")]
    public void Fork_changes_have_the_published_signs_and_order(string arch)
    {
        var rows = Rows("fork", arch, [.. PublishedSizes, 2UL << 20]);

        ExperimentShape.SignsMatch(rows);
        ExperimentShape.OrderMatches(rows);
        foreach (var r in rows)
        {
            var folios = (long)(Region / r.FolioBytes);
            var ptes = (long)(Region >> 12);
            Assert.Equal(ptes, r.Old.Metric("copy_calls"));     // one copy_present_pte() per PTE
            Assert.Equal(folios, r.New.Metric("copy_calls"));   // one copy_present_ptes() per folio
            Assert.Equal(ptes, r.Old.Metric("child_ptes"));
            Assert.Equal(ptes, r.New.Metric("child_ptes"));
            Assert.Equal(folios, r.New.Events.FolioLookups);
        }
    }

    [Fact]
    public void Fork_per_pte_on_contpte_unfolds_every_parent_block_and_refolds_the_child()
    {
        var row = Rows("fork", "arm64-4k", 65536)[0];
        var blocks = (long)(Region / 65536);

        Assert.Equal((blocks, blocks), (row.Old.Cost.Unfolds, row.Old.Cost.Folds));
        Assert.Equal((0L, 0L), (row.New.Cost.Unfolds, row.New.Cost.Folds));
    }

    [Fact]
    public void Contpte_convert_saves_only_where_there_are_blocks_and_keeps_every_conversion()
    {
        var rows = Rows("contpte-convert", "arm64-4k", 4096, 16384, 32768, 65536, 131072, 1048576);

        foreach (var r in rows)
        {
            Assert.Equal((r.Old.Cost.Folds, r.Old.Cost.Unfolds), (r.New.Cost.Folds, r.New.Cost.Unfolds));
            if (r.FolioBytes < 65536)
            {
                Assert.Equal(0, r.Old.Cost.Folds + r.Old.Cost.Unfolds);
                Assert.Equal(r.Old.SimulatedMs, r.New.SimulatedMs);
                continue;
            }

            var folios = (long)(Region / r.FolioBytes);
            Assert.Equal((folios, folios), (r.Old.Cost.Unfolds, r.Old.Cost.Folds));
            Assert.Equal(r.Old.Cost.TlbFlushes - r.New.Cost.TlbFlushes, 2 * folios);  // the elided flush of each conversion
            Assert.True(r.New.Metric("convert_ms") < r.Old.Metric("convert_ms"));
        }

        ExperimentShape.SignsMatch([.. rows.Where(r => r.FolioBytes >= 65536)]);
    }

    [Fact]
    public void Contpte_convert_needs_an_arch_that_can_have_bbml2()
    {
        var e = ExperimentCatalog.Find("contpte-convert")!;

        Assert.Contains("BBML2_NOABORT", e.Check(new ExperimentSetup(Machines.Build("x86_64"))), StringComparison.Ordinal);
    }

    [Fact]
    public void Mprotect_on_contpte_has_the_published_signs_and_order_and_keeps_every_permission()
    {
        var rows = Rows("mprotect", "arm64-4k", 4096, 16384, 65536, 2UL << 20);
        var ptes = (long)(Region >> 12);

        // The published 4K row (+10%) is not modelled: order 0 runs the same code on both sides.
        Assert.Equal(rows[0].Old.SimulatedMs, rows[0].New.SimulatedMs);
        ExperimentShape.SignsMatch([.. rows.Skip(1)]);
        // Not OrderMatches: published 64K -65% vs PTE-mapped 2M -69% is below what the model resolves (no per-call
        // weight; both batch whole contpte blocks), so the model has them equal — only the 16K row must gain less.
        Assert.True(rows[1].Change > rows[2].Change && rows[2].Change >= rows[3].Change);
        foreach (var r in rows)
        {
            Assert.Equal(0, r.Old.Metric("writable_while_ro"));
            Assert.Equal(0, r.New.Metric("writable_while_ro"));
            Assert.Equal(ptes, r.Old.Metric("writable_after"));   // written anon pages are PageAnonExclusive: RW again at once
            Assert.Equal(ptes, r.New.Metric("writable_after"));
            Assert.Equal(0, r.New.Cost.Unfolds);                  // the batch covers whole contpte blocks
            Assert.Equal(r.FolioBytes >= 65536, r.Old.Cost.Unfolds > 0);  // per-PTE start unfolds every block
        }
    }

    [Fact]
    public void Mprotect_on_x86_stays_flat_as_published()
    {
        var rows = Rows("mprotect", "x86_64", 4096, 16384, 65536, 2UL << 20);

        Assert.All(rows, r => Assert.True(Math.Abs(r.Change) <= ExperimentShape.Flat, $"{r.FolioBytes / 1024}K: {r.Change:P1}"));
        Assert.All(rows, r => Assert.Equal(r.Old.Cost.TlbFlushes, r.New.Cost.TlbFlushes));
    }

    [Theory]
    [InlineData("arm64-4k")]
    [InlineData("x86_64")]
    public void Mremap_moves_every_entry_and_batches_save_only_on_contpte(string arch)
    {
        var rows = Rows("mremap", arch, 4096, 16384, 65536, 1UL << 20);
        var ptes = (long)(Region >> 12);

        foreach (var r in rows)
        {
            Assert.Equal((ptes, 0.0), (r.Old.Metric("moved_ptes")!.Value, r.Old.Metric("left_ptes")!.Value));
            Assert.Equal((ptes, 0.0), (r.New.Metric("moved_ptes")!.Value, r.New.Metric("left_ptes")!.Value));
            Assert.True(r.New.SimulatedMs <= r.Old.SimulatedMs, $"{r.FolioBytes / 1024}K");
        }

        Assert.Equal(rows[0].Old.SimulatedMs, rows[0].New.SimulatedMs);
        if (arch == "arm64-4k")
        {
            ExperimentShape.SignsMatch(rows);
            Assert.All(rows.Where(r => r.FolioBytes >= 65536), r => Assert.True(r.Old.Cost.Unfolds > 0 && r.New.Cost.Unfolds == 0));
        }
    }

    [Fact]
    public void Reclaim_keeps_every_young_folio_and_flushes_once_per_batch_on_contpte()
    {
        var rows = Rows("reclaim", "arm64-4k", 4096, 16384, 32768, 65536, 131072, 1048576);
        var ptes = (long)(Region >> 12);

        foreach (var r in rows)
        {
            var folios = (long)(Region / r.FolioBytes);
            Assert.Equal(folios, r.Old.Metric("folios"));
            Assert.Equal(folios, r.Old.Metric("kept_referenced"));
            Assert.Equal(folios, r.New.Metric("kept_referenced"));
            Assert.Equal(folios, r.New.Cost.TlbFlushes);                 // one clear_flush_young_ptes() flush per folio
            // Per PTE: every young entry flushes, except that a contpte block's first clear takes the whole block's young bit.
            Assert.Equal(r.FolioBytes >= 65536 ? (long)(Region / 65536) : ptes, r.Old.Cost.TlbFlushes);
        }

        Assert.Equal(rows[0].Old.SimulatedMs, rows[0].New.SimulatedMs);
        Assert.All(rows.Skip(1), r => Assert.True(r.Change < -ExperimentShape.Flat, $"{r.FolioBytes / 1024}K: {r.Change:P1}"));
        // The published headline (-33%) has no folio size; the batch gain grows with the folio.
        Assert.True(rows.Zip(rows.Skip(1)).All(p => p.Second.Change <= p.First.Change));
    }

    [Theory]
    [InlineData(16384UL, 4096UL, 16UL)]
    [InlineData(65536UL, 16384UL, 16UL)]     // order 2 on 16K pages is the published 16K row
    [InlineData(262144UL, 65536UL, 16UL)]
    [InlineData(2097152UL, 4096UL, 2048UL)]
    [InlineData(8192UL, 4096UL, null)]       // order 1: no published row
    public void Published_rows_are_matched_by_folio_order(ulong folio, ulong page, ulong? publishedKiB)
    {
        var table = ExperimentCatalog.Find("lazyfree")!.Published;

        Assert.Equal(publishedKiB, table.Match(folio, page)?.FolioKiB);
    }

    [Theory]
    [InlineData(2097152UL, 4096UL, 2097152UL, 2048UL)]
    [InlineData(33554432UL, 16384UL, 33554432UL, 2048UL)]    // the 32M PMD on 16K pages is the published PMD-mapped row
    [InlineData(536870912UL, 65536UL, 536870912UL, 2048UL)]
    [InlineData(8388608UL, 16384UL, 33554432UL, null)]       // order 9 on 16K pages is PTE-mapped: not the PMD row
    [InlineData(65536UL, 16384UL, 33554432UL, 16UL)]
    public void The_published_pmd_mapped_row_is_matched_to_the_pmd_size(ulong folio, ulong page, ulong pmd, ulong? publishedKiB)
    {
        var table = ExperimentCatalog.Find("lazyfree")!.Published;

        Assert.Equal(publishedKiB, table.Match(folio, page, pmd)?.FolioKiB);
    }
}
