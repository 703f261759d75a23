using System.Diagnostics;
using ArchPgtable.Hardware;
using ArchPgtable.Machines;
using ArchPgtable.Mm.Memory;
using ArchPgtable.Mm.Operations;
using ArchPgtable.Mm.Tracing;
using ArchPgtable.Plugins;

namespace ArchPgtable.Mm.Experiments;

/// <summary>
/// The cover letter's experiment: map a region of anonymous memory backed by folios of one
/// size, write every page, then MADV_FREE all of it — once with the old algorithm and once
/// with the new one, each on a fresh machine — and count what each cost.
/// </summary>
public sealed class LazyfreeExperiment
{
    /// <summary>Where the region is mapped (aligned to 1 GiB).</summary>
    public const ulong RegionStart = 0x40000000;

    /// <summary>The folio sizes of the published table that are PTE-mapped (4K … 1M).</summary>
    public static IReadOnlyList<ulong> DefaultFolioSizes { get; } =
        [4096, 16384, 32768, 65536, 131072, 262144, 524288, 1048576];

    /// <summary>Creates the experiment for an architecture build.</summary>
    public LazyfreeExperiment(ArchInstance arch, CostModel? costModel = null)
    {
        ArgumentNullException.ThrowIfNull(arch);
        Arch = arch;
        CostModel = costModel ?? CostModel.Default;
    }

    /// <summary>The architecture.</summary>
    public ArchInstance Arch { get; }

    /// <summary>The cost model.</summary>
    public CostModel CostModel { get; }

    /// <summary>When set, each run's MADV_FREE (the measured part, after the region is written) is traced
    /// into it as one machine named after the folio size and algorithm. Null (the default): nothing traced.</summary>
    public TraceRecorder? Trace { get; init; }

    /// <summary>
    /// The machine, or null for the single-agent default. With several agents, after each measured MADV_FREE every
    /// agent reads and writes the region again (one page per folio each, not counted in the costs), so a flush that
    /// missed an agent or a fault that cannot make progress shows up in <see cref="LazyfreeResult.Livelocks"/>.
    /// </summary>
    public MachineDescription? Machine { get; init; }

    /// <summary>True when a folio of <paramref name="folioBytes"/> is PMD-mapped (one leaf PMD, <c>madvise_free_huge_pmd()</c> on both paths) rather than PTE-mapped.</summary>
    public bool IsPmdMapped(ulong folioBytes) => folioBytes >= Arch.Geometry.PmdSize;

    /// <summary>Runs one row: old and new MADV_FREE over <paramref name="regionBytes"/> of <paramref name="folioBytes"/> folios.</summary>
    /// <exception cref="ArgumentException">The sizes do not fit the architecture's pages, or the folio is larger than the PMD size.</exception>
    public LazyfreeRow Run(ulong regionBytes, ulong folioBytes)
    {
        var g = Arch.Geometry;
        if (folioBytes > g.PmdSize)
        {
            throw new ArgumentException($"a {folioBytes}-byte folio is larger than the PMD size ({g.PmdSize} bytes) of this geometry.", nameof(folioBytes));
        }

        if (regionBytes == 0 || regionBytes % folioBytes != 0 || regionBytes % g.PageSize != 0)
        {
            throw new ArgumentException($"the region ({regionBytes} bytes) must be a non-zero multiple of the folio size ({folioBytes} bytes).", nameof(regionBytes));
        }

        var old = RunOne(regionBytes, folioBytes, MadviseFreeAlgorithm.Old);
        var @new = RunOne(regionBytes, folioBytes, MadviseFreeAlgorithm.New);
        return new LazyfreeRow(folioBytes, old, @new, PublishedLazyfree.Change(IsPmdMapped(folioBytes) ? PublishedLazyfree.PmdRowBytes : folioBytes));
    }

    /// <summary>Runs one side of one row on a fresh machine: MADV_FREE with <paramref name="algorithm"/> over <paramref name="regionBytes"/> of <paramref name="folioBytes"/> folios.</summary>
    public LazyfreeResult RunOne(ulong regionBytes, ulong folioBytes, MadviseFreeAlgorithm algorithm)
    {
        var g = Arch.Geometry;
        var pages = (long)(regionBytes >> g.PageShift);
        var sys = new MmSystem(Arch, new MmOptions
        {
            PhysicalPages = pages + (pages / 4) + 4096,
            Thp = ThpPolicy.ForFolioSize(folioBytes, g.PageSize),
            Oracle = false,
            Machine = Machine,
        });
        var mm = sys.CreateMm();
        mm.Mmap(RegionStart, regionBytes, VmFlags.Read | VmFlags.Write);
        for (var va = RegionStart; va < RegionStart + regionBytes; va += g.PageSize)
        {
            sys.Mmu.Write(mm, va);
        }

        Trace?.Attach(sys, $"lazyfree {folioBytes / 1024}K {algorithm.ToString().ToLowerInvariant()} on {Arch.Arch}");
        var cost0 = sys.Counters.Snapshot();
        var stats0 = MmStatsSnapshot.Of(sys.Stats);
        var events0 = ExperimentEvents.Of(sys);
        var pmdSplits0 = sys.Stats.PmdSplits;
        var sw = Stopwatch.StartNew();
        Trace?.Begin("madvise", "mm", TraceArg.Hex("start", RegionStart), TraceArg.Hex("len_in", regionBytes),
            TraceArg.Text("behavior", "MADV_FREE"), TraceArg.Text("algorithm", algorithm.ToString().ToLowerInvariant()));
        Madvise.Free(mm, RegionStart, regionBytes, algorithm);
        Trace?.End("madvise", "mm", TraceArg.Number("ret", 0));
        sw.Stop();
        var cost = sys.Counters.Snapshot() - cost0;
        var stats = MmStatsSnapshot.Of(sys.Stats) - stats0;
        var events = ExperimentEvents.Of(sys) - events0;
        var pmdSplits = sys.Stats.PmdSplits - pmdSplits0;
        var (lazy, cleanOld) = Outcome(sys, mm, regionBytes);
        if (sys.Agents.Count > 1)
        {
            TouchFromEveryAgent(sys, mm, regionBytes, folioBytes);
        }

        return new LazyfreeResult(CostModel.Milliseconds(cost, stats), sw.Elapsed.TotalMilliseconds, cost, stats, lazy, cleanOld)
        {
            Livelocks = [.. sys.Livelocks],
            Events = events,
            PmdSplits = pmdSplits,
        };
    }

    /// <summary>Every agent reads, then writes, one page of every folio (agent i takes page i of the folio).</summary>
    private static void TouchFromEveryAgent(MmSystem sys, MmStruct mm, ulong regionBytes, ulong folioBytes)
    {
        var page = sys.Arch.Geometry.PageSize;
        var pagesPerFolio = folioBytes / page;
        foreach (var access in new[] { MemoryAccess.Read, MemoryAccess.Write })
        {
            foreach (var agent in sys.Agents)
            {
                var offset = (ulong)agent.Index % pagesPerFolio * page;
                for (var folio = RegionStart; folio < RegionStart + regionBytes; folio += folioBytes)
                {
                    sys.Mmu.Access(agent, mm, folio + offset, access);
                }
            }
        }
    }

    private static (long Lazyfree, long CleanOld) Outcome(MmSystem sys, MmStruct mm, ulong regionBytes)
    {
        var g = sys.Arch.Geometry;
        var fmt = sys.Format;
        long lazy = 0, cleanOld = 0;
        for (var va = RegionStart; va < RegionStart + regionBytes; va += g.PageSize)
        {
            if (HugePmd.TryGetLeaf(mm, va, out _, out var pmd))
            {
                // A huge PMD: its pages are as clean, old and lazyfree as the leaf and its folio.
                var pmdOps = sys.Arch.PmdOps!;
                var n = (long)(g.PmdSize >> g.PageShift);
                if (pmdOps.Present(pmd))
                {
                    cleanOld += !pmdOps.Young(pmd) && !pmdOps.Dirty(pmd) ? n : 0;
                    var hf = sys.Memory.Flags(pmdOps.Pfn(pmd));
                    lazy += (hf & FolioFlags.Anon) != 0 && (hf & FolioFlags.SwapBacked) == 0 ? n : 0;
                }

                va += g.PmdSize - g.PageSize;
                continue;
            }

            var ptep = mm.PageTable.PtePointer(va);
            var pte = sys.Ops.PtepGet(ptep);
            if (!fmt.Present(pte))
            {
                continue;
            }

            if (!fmt.Young(pte) && !fmt.Dirty(pte))
            {
                cleanOld++;
            }

            var f = sys.Memory.Flags(fmt.Pfn(pte));
            if ((f & FolioFlags.Anon) != 0 && (f & FolioFlags.SwapBacked) == 0)
            {
                lazy++;
            }
        }

        return (lazy, cleanOld);
    }
}
