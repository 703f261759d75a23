using ArchPgtable.Mm.Experiments;

namespace ArchPgtable.Host.Cli;

/// <summary>
/// The lazyfree report as CSV, one record per (folio size, algorithm), with the JSON's field names:
/// <c>arch,size_bytes,folio_bytes,madvise,sim_ms,host_ms,change,published_change,pte_reads,pte_writes,atomic_updates,
/// tlb_flushes,tlb_flushed_pages,folds,unfolds,splits,lazyfree_folios,lazyfree_pages,clean_old_pages</c>; a PMD-mapped
/// size is one record with <c>madvise</c> <c>not_modelled</c>.
/// </summary>
internal static class LazyfreeCsvWriter
{
    public static void Write(LazyfreeReport report, TextWriter output)
    {
        var csv = new CsvWriter(output);
        csv.Row("arch", "size_bytes", "folio_bytes", "madvise", "sim_ms", "host_ms", "change", "published_change", "pte_reads", "pte_writes",
            "atomic_updates", "tlb_flushes", "tlb_flushed_pages", "folds", "unfolds", "splits", "lazyfree_folios", "lazyfree_pages", "clean_old_pages");
        foreach (var r in report.Rows)
        {
            Row(csv, report, r.FolioBytes, "old", r.Old, null, null);
            Row(csv, report, r.FolioBytes, "new", r.New, r.Change, r.PublishedChange);
        }

        foreach (var f in report.NotModelled)
        {
            csv.Row(report.Arch, report.RegionBytes, f, "not_modelled", null, null, null, report.Published(f),
                null, null, null, null, null, null, null, null, null, null, null);
        }

        output.Flush();
    }

    private static void Row(CsvWriter csv, LazyfreeReport report, ulong folio, string algorithm, LazyfreeResult x, double? change, double? published) =>
        csv.Row(report.Arch, report.RegionBytes, folio, algorithm, x.SimulatedMs, x.HostMs, change, published, x.Cost.PteReads, x.Cost.PteWrites,
            x.Cost.AtomicUpdates, x.Cost.TlbFlushes, x.Cost.TlbFlushedPages, x.Cost.Folds, x.Cost.Unfolds, x.Cost.FolioSplits,
            x.Stats.LazyfreeFolios, x.LazyfreePages, x.CleanOldPages);
}
