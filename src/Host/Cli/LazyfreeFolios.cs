using ArchPgtable.Generic;
using ArchPgtable.Mm.Memory;
using ArchPgtable.Plugins;

namespace ArchPgtable.Host.Cli;

/// <summary>
/// The folio sizes <c>lazyfree</c> runs without <c>--folio</c>: the base page, then every anon mTHP size — page
/// size times 2^order for order 2 and up (the kernel has no order-1 anon mTHP) — that a PTE table maps (up to the largest folio order the model allocates), then the PMD size
/// (a PMD-mapped THP); with <c>CONFIG_TRANSPARENT_HUGEPAGE=n</c> only the base page, as the kernel maps no large folio.
/// </summary>
internal static class LazyfreeFolios
{
    /// <summary>The default list for <paramref name="arch"/>.</summary>
    public static IReadOnlyList<ulong> Default(ArchInstance arch)
    {
        var g = arch.Geometry;
        if (!ThpEnabled(arch))
        {
            return [g.PageSize];
        }

        var sizes = new List<ulong> { g.PageSize };
        for (var order = 2; order <= PhysicalMemory.MaxOrder && g.PageSize << order < g.PmdSize; order++)
        {
            sizes.Add(g.PageSize << order);
        }

        sizes.Add(g.PmdSize);
        return sizes;
    }

    /// <summary>False when the build's configuration turns <c>CONFIG_TRANSPARENT_HUGEPAGE</c> off.</summary>
    public static bool ThpEnabled(ArchInstance arch) => arch.Config.Get(CommonKconfig.TransparentHugepage) != "n";

    /// <summary>The largest folio the model allocates on <paramref name="arch"/>: the largest buddy order's, or the PMD size where that is larger (a PMD-mapped THP on 16K/64K pages).</summary>
    public static ulong Largest(ArchInstance arch) => Math.Max(arch.Geometry.PageSize << PhysicalMemory.MaxOrder, arch.Geometry.PmdSize);
}
