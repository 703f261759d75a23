using ArchPgtable.Mm.Experiments;

namespace ArchPgtable.Host.Cli;

/// <summary>
/// Experiment reports as CSV, one record per (experiment, folio size, path), with the JSON's field names:
/// <c>experiment,arch,size_bytes,folio_bytes,path,sim_ms,host_ms,change,published_change,published_ms,pte_reads,pte_writes,
/// atomic_updates,tlb_flushes,tlb_flushed_pages,folds,unfolds,splits,folio_lookups,faults</c>, then one column per
/// experiment metric (empty where an experiment has none); a PMD-mapped size is one record with path <c>not_modelled</c>.
/// </summary>
internal static class ExperimentCsvWriter
{
    private static readonly string[] Header =
    [
        "experiment", "arch", "size_bytes", "folio_bytes", "path", "sim_ms", "host_ms", "change", "published_change", "published_ms",
        "pte_reads", "pte_writes", "atomic_updates", "tlb_flushes", "tlb_flushed_pages", "folds", "unfolds", "splits", "folio_lookups", "faults",
    ];

    public static void Write(IReadOnlyList<ExperimentReport> reports, TextWriter output)
    {
        var metrics = reports.SelectMany(r => r.Rows).SelectMany(r => r.Old.Metrics.Concat(r.New.Metrics)).Select(m => m.Name).Distinct().ToList();
        var csv = new CsvWriter(output);
        csv.Row([.. Header, .. metrics]);
        foreach (var report in reports)
        {
            foreach (var r in report.Rows)
            {
                Row(csv, report, r, ExperimentPath.Old, metrics);
                Row(csv, report, r, ExperimentPath.New, metrics);
            }

            foreach (var f in report.NotModelled)
            {
                csv.Row([report.Experiment.Name, report.Arch, report.RegionBytes, f, "not_modelled", null, null, null, report.Published(f)?.EffectiveChange, null,
                    .. Enumerable.Repeat<object?>(null, 10 + metrics.Count)]);
            }
        }

        output.Flush();
    }

    private static void Row(CsvWriter csv, ExperimentReport report, ExperimentRow r, ExperimentPath path, List<string> metrics)
    {
        var x = path == ExperimentPath.Old ? r.Old : r.New;
        var isNew = path == ExperimentPath.New;
        csv.Row([report.Experiment.Name, report.Arch, report.RegionBytes, r.FolioBytes, path.ToString().ToLowerInvariant(), x.SimulatedMs, x.HostMs,
            isNew ? r.Change : null, isNew ? r.Published?.EffectiveChange : null, report.PublishedMs(r.Published, path),
            x.Cost.PteReads, x.Cost.PteWrites, x.Cost.AtomicUpdates, x.Cost.TlbFlushes, x.Cost.TlbFlushedPages, x.Cost.Folds, x.Cost.Unfolds,
            x.Cost.FolioSplits, x.Events.FolioLookups, x.Events.Faults, .. metrics.Select(m => (object?)x.Metric(m))]);
    }
}
