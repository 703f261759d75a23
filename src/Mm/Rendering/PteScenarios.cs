using ArchPgtable.Mm.Memory;
using ArchPgtable.Mm.Operations;
using ArchPgtable.Mm.Tracing;
using ArchPgtable.Plugins;

namespace ArchPgtable.Mm.Rendering;

/// <summary>
/// Named scenarios that leave a PTE table worth looking at. Each maps an anonymous private region of
/// folios of one size at the start of a PTE table, writes every page (the anonymous faults map each folio
/// with one set_ptes(), contiguous where the arch does that) and then:
/// <list type="bullet">
/// <item><c>written</c>: nothing more;</item>
/// <item><c>lazyfree</c>: MADV_FREE with the v6.10 algorithm (folio_pte_batch + clear_young_dirty_ptes);</item>
/// <item><c>lazyfree-old</c>: MADV_FREE with the pre-series algorithm (split every large folio first);</item>
/// <item><c>lazyfree-touched</c>: <c>lazyfree</c>, then one write and one read: the hardware sets the access
/// and dirty bits on one entry of a contiguous block, which ptep_get() gathers over the block;</item>
/// <item><c>cold</c>: MADV_COLD;</item>
/// <item><c>fork</c>: fork(); the parent's entries are write-protected for copy-on-write;</item>
/// <item><c>wrprotect</c>: wrprotect_ptes() over the middle half of the second folio (a partial mprotect), which
/// unfolds a contiguous block it covers only in part.</item>
/// </list>
/// </summary>
/// <remarks>Kernel: madvise(MADV_FREE / MADV_COLD), fork(), mprotect() as they reach the pgtable.h helpers.</remarks>
public static class PteScenarios
{
    /// <summary>Where the region is mapped: the start of a PTE table on every geometry.</summary>
    public const ulong RegionStart = 0x40000000;

    /// <summary>The scenario names.</summary>
    public static IReadOnlyList<string> Names { get; } = ["written", "lazyfree", "lazyfree-old", "lazyfree-touched", "cold", "fork", "wrprotect"];

    /// <summary>Runs scenario <paramref name="name"/> on <paramref name="arch"/> with <paramref name="folioBytes"/> folios
    /// over <paramref name="regionBytes"/>; when <paramref name="trace"/> is set, the whole run is traced into it.</summary>
    /// <exception cref="ArgumentException">Unknown name, or sizes that do not fit one PTE table of the arch's pages.</exception>
    public static PteScenario Run(ArchInstance arch, string name, ulong folioBytes, ulong regionBytes, TraceRecorder? trace = null)
    {
        ArgumentNullException.ThrowIfNull(arch);
        ArgumentNullException.ThrowIfNull(name);
        if (!Names.Contains(name))
        {
            throw new ArgumentException($"unknown scenario '{name}'; known: {string.Join(", ", Names)}.", nameof(name));
        }

        var problem = Check(arch, folioBytes, regionBytes);
        if (problem is not null)
        {
            throw new ArgumentException(problem, nameof(folioBytes));
        }

        var g = arch.Geometry;
        var pages = (int)(regionBytes >> g.PageShift);
        var sys = new MmSystem(arch, new MmOptions
        {
            PhysicalPages = (pages * 4) + 4096,
            Thp = ThpPolicy.ForFolioSize(folioBytes, g.PageSize),
            PmdMapping = false, // the pictures are of PTE tables: a PMD-sized folio is drawn PTE-mapped
        });
        trace?.Attach(sys, $"render {name} on {arch.Arch}");
        var mm = sys.CreateMm();
        mm.Mmap(RegionStart, regionBytes, VmFlags.Read | VmFlags.Write);
        for (var va = RegionStart; va < RegionStart + regionBytes; va += g.PageSize)
        {
            sys.Mmu.Write(mm, va);
        }

        var folioPages = (int)(folioBytes >> g.PageShift);
        var size = Size(folioBytes);
        var title = $"{name}: {Size(regionBytes)} of {size} folios written";
        int callStart = -1, callNr = 0;
        switch (name)
        {
            case "lazyfree":
                Madvise.Free(mm, RegionStart, regionBytes, MadviseFreeAlgorithm.New);
                title += ", then MADV_FREE (v6.10: folio_pte_batch + clear_young_dirty_ptes)";
                break;
            case "lazyfree-old":
                Madvise.Free(mm, RegionStart, regionBytes, MadviseFreeAlgorithm.Old);
                title += ", then MADV_FREE (pre-series: split every large folio)";
                break;
            case "lazyfree-touched":
                Madvise.Free(mm, RegionStart, regionBytes, MadviseFreeAlgorithm.New);
                var written = RegionStart + (ulong)Math.Min(1, pages - 1) * g.PageSize;
                var read = RegionStart + (ulong)Math.Min(folioPages + 2, pages - 1) * g.PageSize;
                sys.Mmu.Write(mm, written);
                sys.Mmu.Read(mm, read);
                title += FormattableString.Invariant($", MADV_FREE, then a write of 0x{written:x} and a read of 0x{read:x}");
                break;
            case "cold":
                Madvise.Cold(mm, RegionStart, regionBytes);
                title += ", then MADV_COLD";
                break;
            case "fork":
                Fork.Run(mm);
                title += ", then fork() (the parent's table)";
                break;
            case "wrprotect":
                var folio = pages > folioPages ? folioPages : 0;
                callStart = folio + (folioPages / 4);
                callNr = Math.Max(1, folioPages / 2);
                var addr = RegionStart + ((ulong)callStart << g.PageShift);
                sys.Ops.WrprotectPtes(mm, addr, mm.PageTable.PtePointer(addr), callNr);
                title += FormattableString.Invariant($", then wrprotect_ptes(addr=0x{addr:x}, nr={callNr}) (a partial mprotect)");
                break;
        }

        var table = mm.PageTable.Find(RegionStart)!;
        return new PteScenario(name, title, sys, mm, table, g.PteIndex(RegionStart), pages, callStart, callNr);
    }

    /// <summary>Why <paramref name="folioBytes"/> and <paramref name="regionBytes"/> do not fit <paramref name="arch"/>, or null.</summary>
    public static string? Check(ArchInstance arch, ulong folioBytes, ulong regionBytes)
    {
        ArgumentNullException.ThrowIfNull(arch);
        var g = arch.Geometry;
        if (folioBytes < g.PageSize || folioBytes % g.PageSize != 0 || !ulong.IsPow2(folioBytes / g.PageSize))
        {
            return $"folio size {Size(folioBytes)} is not a power-of-two multiple of {arch.Arch}'s {Size(g.PageSize)} page.";
        }

        if (folioBytes >= g.PmdSize)
        {
            return $"folio size {Size(folioBytes)} would be PMD-mapped on {arch.Arch} ({Size(g.PmdSize)} PMD); pick a smaller folio.";
        }

        if (regionBytes == 0 || regionBytes % folioBytes != 0)
        {
            return $"the region {Size(regionBytes)} is not a non-zero multiple of the folio size {Size(folioBytes)}.";
        }

        return regionBytes > g.PmdSize
            ? $"the region {Size(regionBytes)} does not fit one PTE table ({Size(g.PmdSize)} on {arch.Arch})."
            : null;
    }

    private static string Size(ulong bytes) => bytes switch
    {
        >= 1UL << 30 when bytes % (1UL << 30) == 0 => FormattableString.Invariant($"{bytes >> 30}G"),
        >= 1UL << 20 when bytes % (1UL << 20) == 0 => FormattableString.Invariant($"{bytes >> 20}M"),
        >= 1UL << 10 when bytes % (1UL << 10) == 0 => FormattableString.Invariant($"{bytes >> 10}K"),
        _ => FormattableString.Invariant($"{bytes}B"),
    };
}
