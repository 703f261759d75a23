using ArchPgtable.Mm.Memory;
using ArchPgtable.Mm.Operations;

namespace ArchPgtable.Mm.Experiments;

/// <summary>
/// One experiment of the suite (<c>archpgtable experiment NAME</c>): a setup, an old and a new path, the published
/// table it is compared with and an honest summary of its cost model. A new experiment derives from this class,
/// implements <see cref="Run"/> for one side of one folio size, and is added to <see cref="ExperimentCatalog"/>.
/// </summary>
public abstract class Experiment
{
    /// <summary>The command-line name (e.g. <c>fork</c>).</summary>
    public abstract string Name { get; }

    /// <summary>What is measured, one line.</summary>
    public abstract string Title { get; }

    /// <summary>What the old path is, one line.</summary>
    public abstract string OldLabel { get; }

    /// <summary>What the new path is, one line.</summary>
    public abstract string NewLabel { get; }

    /// <summary>The published table.</summary>
    public abstract PublishedTable Published { get; }

    /// <summary>Which weights are fitted to which published rows, and what is predicted.</summary>
    public abstract CostModelSummary CostModel { get; }

    /// <summary>The region each folio size runs on without <c>--size</c>.</summary>
    public virtual ulong DefaultRegionBytes => 1UL << 30;

    /// <summary>
    /// True when <paramref name="folioBytes"/> is modelled on <paramref name="geometry"/>; a size that is not is listed as not modelled.
    /// Default: the sizes below the PMD size, or with <see cref="PteMapsEveryFolioSize"/> every size the model allocates.
    /// </summary>
    public virtual bool IsModelled(ArchGeometry geometry, ulong folioBytes)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        return PteMapsEveryFolioSize ? folioBytes <= geometry.PageSize << PhysicalMemory.MaxOrder : folioBytes < geometry.PmdSize;
    }

    /// <summary>
    /// True when the experiment maps every folio size the model allocates with PTEs, the PMD size and above included (a
    /// PTE-mapped THP, as a published table's "PTE-mapped" rows); false (the default) when only sizes below the PMD size are.
    /// </summary>
    protected virtual bool PteMapsEveryFolioSize => false;

    /// <summary>
    /// The folio sizes run without <c>--folio</c>: the base page, every anon mTHP size (order 2 and up) below the PMD
    /// size the model allocates, then the PMD size; only the base page when <paramref name="thp"/> is false.
    /// </summary>
    public virtual IReadOnlyList<ulong> DefaultFolios(ArchGeometry geometry, bool thp)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        var sizes = new List<ulong> { geometry.PageSize };
        if (!thp)
        {
            return sizes;
        }

        for (var order = 2; order <= PhysicalMemory.MaxOrder && geometry.PageSize << order < geometry.PmdSize; order++)
        {
            sizes.Add(geometry.PageSize << order);
        }

        sizes.Add(geometry.PmdSize);
        return sizes;
    }

    /// <summary>Lines describing the setup beyond the arch and machine (e.g. which machines old and new run on).</summary>
    public virtual IReadOnlyList<string> SetupNotes(ExperimentSetup setup) => [];

    /// <summary>Why this experiment cannot run on <paramref name="setup"/>, in one sentence; null when it can.</summary>
    public virtual string? Check(ExperimentSetup setup) => null;

    /// <summary>Runs one side of one folio size on a fresh machine and measures it.</summary>
    /// <param name="setup">Arch, machine, trace.</param>
    /// <param name="regionBytes">The region (a multiple of <paramref name="folioBytes"/>).</param>
    /// <param name="folioBytes">The folio size (modelled, see <see cref="IsModelled"/>).</param>
    /// <param name="path">Old or new.</param>
    public abstract ExperimentResult Run(ExperimentSetup setup, ulong regionBytes, ulong folioBytes, ExperimentPath path);

    /// <summary>Runs old then new for one folio size and matches the published row by folio order.</summary>
    public ExperimentRow RunRow(ExperimentSetup setup, ulong regionBytes, ulong folioBytes)
    {
        ArgumentNullException.ThrowIfNull(setup);
        var old = Run(setup, regionBytes, folioBytes, ExperimentPath.Old);
        var @new = Run(setup, regionBytes, folioBytes, ExperimentPath.New);
        return new ExperimentRow(folioBytes, old, @new, Published.Match(folioBytes, setup.Arch.Geometry.PageSize, setup.Arch.Geometry.PmdSize));
    }

    /// <summary>A fresh system with the region mapped read-write and every page written (the usual setup).</summary>
    protected static (MmSystem System, MmStruct Mm) WrittenRegion(ExperimentSetup setup, ulong regionBytes, ulong folioBytes,
        Machines.MachineDescription? machine, long extraPages = 0, ReferenceAlgorithm referenced = ReferenceAlgorithm.New)
    {
        ArgumentNullException.ThrowIfNull(setup);
        var g = setup.Arch.Geometry;
        var pages = (long)(regionBytes >> g.PageShift);
        var sys = new MmSystem(setup.Arch, new MmOptions
        {
            PhysicalPages = pages + (pages / 4) + 4096 + extraPages,
            Thp = ThpPolicy.ForFolioSize(folioBytes, g.PageSize),
            Oracle = false,
            Machine = machine,
            Referenced = referenced,
            PmdMapping = false, // the fork, mprotect, mremap and reclaim tables measured PTE-mapped THPs
        });
        var mm = sys.CreateMm();
        mm.Mmap(RegionStart, regionBytes, VmFlags.Read | VmFlags.Write);
        for (var va = RegionStart; va < RegionStart + regionBytes; va += g.PageSize)
        {
            sys.Mmu.Write(mm, va);
        }

        return (sys, mm);
    }

    /// <summary>
    /// The scaffolding every run shares: attaches the trace (as <c>NAME FOLIO old|new on ARCH</c>), snapshots the cost
    /// counters and <see cref="ExperimentEvents"/>, times <paramref name="body"/> inside a trace span named
    /// <paramref name="operation"/> with the algorithm, and builds the <see cref="ExperimentResult"/> with the simulated
    /// time <paramref name="nanoseconds"/> gives for the measured counts, the host time, the livelocks and
    /// <paramref name="metrics"/> (read after the measured part).
    /// </summary>
    protected static ExperimentResult Measure(ExperimentSetup setup, MmSystem sys, string operation, string algorithm, ulong folioBytes, ExperimentPath path,
        Action<Measurement> body, Func<CostSnapshot, ExperimentEvents, double> nanoseconds, Func<IReadOnlyList<ExperimentMetric>> metrics)
    {
        ArgumentNullException.ThrowIfNull(setup);
        ArgumentNullException.ThrowIfNull(sys);
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(nanoseconds);
        ArgumentNullException.ThrowIfNull(metrics);
        setup.Trace?.Attach(sys, $"{operation} {folioBytes / 1024}K {path.ToString().ToLowerInvariant()} on {setup.Arch.Arch}");
        var measurement = new Measurement(sys);
        var cost0 = sys.Counters.Snapshot();
        var events0 = ExperimentEvents.Of(sys);
        var sw = System.Diagnostics.Stopwatch.StartNew();
        setup.Trace?.Begin(operation, "mm", Tracing.TraceArg.Text("algorithm", algorithm));
        body(measurement);
        setup.Trace?.End(operation, "mm", [.. measurement.EndArgs]);
        sw.Stop();
        var cost = measurement.Exclude(sys.Counters.Snapshot() - cost0);
        var events = ExperimentEvents.Of(sys) - events0;
        return new ExperimentResult(nanoseconds(cost, events) / 1e6, sw.Elapsed.TotalMilliseconds, cost, events)
        {
            Livelocks = [.. sys.Livelocks],
            Metrics = metrics(),
        };
    }

    /// <summary>Present entries in <c>[start, start+bytes)</c> of <paramref name="mm"/> (raw words; the reads are counted, so keep it out of a measured part); with <paramref name="writable"/> only the writable ones.</summary>
    protected static long CountPresent(MmSystem sys, MmStruct mm, ulong start, ulong bytes, bool writable = false)
    {
        ArgumentNullException.ThrowIfNull(sys);
        ArgumentNullException.ThrowIfNull(mm);
        long n = 0;
        var g = sys.Arch.Geometry;
        for (var va = start; va < start + bytes; va += g.PageSize)
        {
            if (mm.PageTable.Find(va) is { } table && table.Read(g.PteIndex(va)) is var pte
                && sys.Format.Present(pte) && (!writable || sys.Format.Write(pte)))
            {
                n++;
            }
        }

        return n;
    }

    /// <summary>Where regions are mapped (aligned to 1 GiB).</summary>
    public const ulong RegionStart = 0x40000000;
}
