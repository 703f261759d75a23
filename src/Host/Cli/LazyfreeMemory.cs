using ArchPgtable.Mm.Memory;
using ArchPgtable.Plugins;

namespace ArchPgtable.Host.Cli;

/// <summary>
/// What a <c>lazyfree</c> region costs the host: per simulated page, the model's per-page physical-memory state
/// (<see cref="PhysicalMemory.StateBytes"/>, for the 1.25 pages the experiment provisions per mapped page) and one
/// 8-byte PTE, times the overhead measured on top of that model state (free lists, the TLB, GC headroom, the old
/// run's machine not yet collected when the new one is built): peak RSS grew by about 100 bytes per simulated page
/// from a 512M to a 4G region on this repository's 2-core machine, six times the model's 16.75.
/// </summary>
internal static class LazyfreeMemory
{
    private const long ProbePages = 1 << 12;

    private const double MeasuredOverhead = 6;

    /// <summary>Estimated bytes of host memory per simulated page.</summary>
    public static double BytesPerPage { get; } = Estimate();

    /// <summary>Estimated bytes of host memory a region of <paramref name="regionBytes"/> needs on <paramref name="arch"/>.</summary>
    public static double Needed(ArchInstance arch, ulong regionBytes) =>
        (double)(regionBytes >> arch.Geometry.PageShift) * BytesPerPage;

    /// <summary>The memory this process may use (<see cref="GCMemoryInfo.TotalAvailableMemoryBytes"/>).</summary>
    public static long Available => GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;

    private static double Estimate()
    {
        var perPage = (double)new PhysicalMemory(ProbePages).StateBytes / ProbePages;
        return MeasuredOverhead * ((1.25 * perPage) + sizeof(ulong));
    }
}
