using ArchPgtable.Mm;
using ArchPgtable.Mm.Experiments;

namespace ArchPgtable.Host.Cli;

/// <summary>What <c>archpgtable lazyfree</c> measured: one row per PTE-mapped folio size, and the sizes it did not model.</summary>
internal sealed record LazyfreeReport(
    string Arch,
    string Description,
    ulong RegionBytes,
    IReadOnlyList<LazyfreeRow> Rows,
    IReadOnlyList<ulong> NotModelled)
{
    /// <summary>The build's page size.</summary>
    public ulong PageSize { get; init; } = 4096;

    /// <summary>The published i5 change for a folio size (measured on 4K pages, so null on other page sizes).</summary>
    public double? Published(ulong folioBytes) => PageSize == 4096 ? PublishedLazyfree.Change(folioBytes) : null;

    /// <summary>The machine when one other than the arch's default was chosen (<c>--machine</c>), else null.</summary>
    public ArchPgtable.Machines.MachineDescription? Machine { get; init; }

    /// <summary>Every fault livelock of every row (multi-agent machines only).</summary>
    public IEnumerable<FaultLivelock> Livelocks => Rows.SelectMany(r => r.Old.Livelocks.Concat(r.New.Livelocks));
}
