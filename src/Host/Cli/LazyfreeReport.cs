using ArchPgtable.Mm.Experiments;

namespace ArchPgtable.Host.Cli;

/// <summary>What <c>archpgtable lazyfree</c> measured: one row per PTE-mapped folio size, and the sizes it did not model.</summary>
internal sealed record LazyfreeReport(
    string Arch,
    string Description,
    ulong RegionBytes,
    IReadOnlyList<LazyfreeRow> Rows,
    IReadOnlyList<ulong> NotModelled);
