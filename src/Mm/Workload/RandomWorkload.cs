using System.Globalization;
using System.Numerics;
using ArchPgtable.Hardware;
using ArchPgtable.Machines;
using ArchPgtable.Mm.Hardware;
using ArchPgtable.Mm.Memory;
using ArchPgtable.Mm.Operations;
using ArchPgtable.Mm.Oracle;
using ArchPgtable.Plugins;

namespace ArchPgtable.Mm.Workload;

/// <summary>
/// The seeded random workload: up to three processes (fork) over two regions, doing reads and writes from every agent of
/// the machine, MADV_FREE (old/new), MADV_COLD, aging walks and reclaim (per-entry or batched young clearing), mprotect
/// and mremap (old/new, or a known-bad variant), munmap + mmap, under the data, permission and isolation oracles, the
/// fault-progress bound and out-of-memory recording. Folios of the base page, 4 pages, 16 pages and (where the arch has
/// contiguous blocks) one block. Every choice comes from <see cref="WorkloadOptions.Seed"/>.
/// </summary>
/// <remarks>Kernel: none; a user-space stress test of the mm paths (selftests/mm cow.c, mremap_test.c, mprotect tests in spirit).</remarks>
public sealed class RandomWorkload
{
    /// <summary>The first region's base; the second lies 1 GiB above, shifted by a few pages so mremap crosses PTE-table and block boundaries differently.</summary>
    public const ulong Base = 0x40000000;

    private readonly ArchInstance _arch;
    private readonly MachineDescription? _machine;
    private readonly WorkloadOptions _options;
    private readonly Dictionary<string, long> _counts = [];

    /// <summary>A workload for <paramref name="arch"/> on <paramref name="machine"/> (null: the single-CPU machine).</summary>
    public RandomWorkload(ArchInstance arch, MachineDescription? machine, WorkloadOptions options)
    {
        ArgumentNullException.ThrowIfNull(arch);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Ops < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Ops, "the number of operations must not be negative.");
        }

        if (options.Pages is < 16 or > 1 << 16)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Pages, "each region must have 16..65536 pages.");
        }

        _arch = arch;
        _machine = machine;
        _options = options;
    }

    /// <summary>The machine after <see cref="Run"/> (for inspection).</summary>
    public MmSystem? System { get; private set; }

    /// <summary>Runs the workload; <paramref name="progress"/> gets the operations done so far every 4096 operations.</summary>
    public WorkloadResult Run(IProgress<long>? progress = null)
    {
        var a = _arch;
        var g = a.Geometry;
        var pages = _options.Pages;
        var seed = _options.Seed;
        var sys = new MmSystem(a, new MmOptions
        {
            PhysicalPages = Math.Max(1L << 16, pages * 16L),
            Thp = ThpPolicy.WithOrders(2, 4),
            Seed = seed,
            Machine = _machine,
        });
        System = sys;
        if (g.ContPtes > 1)
        {
            // One contiguous block, and two: a batch that starts on a block may run on into the next one.
            sys.Options.Thp.Enable(BitOperations.Log2((uint)g.ContPtes));
            sys.Options.Thp.Enable(Math.Min(PhysicalMemory.MaxOrder, BitOperations.Log2((uint)g.ContPtes) + 1));
        }

        if (_options.PmdThp)
        {
            sys.Options.Thp.Enable(BitOperations.Log2((uint)g.PtrsPerPte));
        }

        var bytes = (ulong)pages * g.PageSize;
        var shift = (seed & 1) == 0 ? (ulong)Math.Max(1, g.ContPtes) : 7UL;
        var regionB = Base + (1UL << 30) + (shift * g.PageSize);
        var first = sys.CreateMm();
        first.Mmap(Base, bytes, VmFlags.Read | VmFlags.Write);
        var mms = new List<MmStruct> { first };
        var rng = new Random(seed);
        var findings = new List<WorkloadFinding>();
        var seen = new FindingCursor();
        ulong Region() => rng.Next(2) == 0 ? Base : regionB;
        ulong Page() => Region() + ((ulong)rng.Next(pages) * g.PageSize);
        MmAgent Agent() => sys.Agents.Count > 1 ? sys.Agents[rng.Next(sys.Agents.Count)] : sys.DefaultAgent;

        for (long step = 0; step < _options.Ops; step++)
        {
            var m = mms[rng.Next(mms.Count)];
            var op = rng.Next(1000);
            var region = Region();
            var firstPage = rng.Next(pages);
            var n = 1 + rng.Next(Math.Min(48, pages - firstPage));
            var start = region + ((ulong)firstPage * g.PageSize);
            var len = (ulong)n * g.PageSize;
            string name;
            try
            {
                name = Step(sys, mms, m, op, start, len, region == Base ? regionB - Base : Base - regionB, Page, Agent, rng);
            }
            catch (SegmentationFaultException)
            {
                name = "access (SIGSEGV)";
            }

            Count(name);
            if (seen.Collect(sys, step, $"mm {m.Id}: {name} [0x{start:x}, 0x{start + len:x})", findings) && _options.StopAtFirstFinding)
            {
                return Result(step + 1, findings, sys);
            }

            if ((step & 4095) == 4095)
            {
                progress?.Report(step + 1);
            }
        }

        IsolationAudit.All(sys);
        seen.Collect(sys, _options.Ops, "final isolation audit", findings);
        progress?.Report(_options.Ops);
        return Result(_options.Ops, findings, sys);
    }

    private string Step(MmSystem sys, List<MmStruct> mms, MmStruct m, int op, ulong start, ulong len, ulong toOther, Func<ulong> page, Func<MmAgent> agent, Random rng)
    {
        var paths = _options.Paths;
        bool New() => paths switch { WorkloadPaths.Old => false, WorkloadPaths.New => true, _ => rng.Next(2) == 0 };
        switch (op)
        {
            case < 420:
                sys.Mmu.Access(agent(), m, page(), MemoryAccess.Write);
                return "write";
            case < 720:
                sys.Mmu.Access(agent(), m, page(), MemoryAccess.Read);
                return "read";
            case < 770:
                Madvise.Free(m, start, len, New() ? MadviseFreeAlgorithm.New : MadviseFreeAlgorithm.Old);
                return "madvise(MADV_FREE)";
            case < 800:
                Madvise.Cold(m, start, len);
                return "madvise(MADV_COLD)";
            case < 830:
                AgingWalk.Run(m, start, len, New() ? ReferenceAlgorithm.New : ReferenceAlgorithm.Old);
                return "aging walk";
            case < 870:
                Reclaim.Range(m, start, len);
                return "reclaim";
            case < 920:
                {
                    var rw = rng.Next(2) == 0;
                    var algorithm = paths == WorkloadPaths.BadMprotect ? MprotectAlgorithm.NewFirstPageDecides : New() ? MprotectAlgorithm.New : MprotectAlgorithm.Old;
                    if (!Covered(m, start, start + len))
                    {
                        return "mprotect (ENOMEM)";
                    }

                    Mprotect.Run(m, start, len, rw ? VmFlags.Read | VmFlags.Write : VmFlags.Read, algorithm);
                    IsolationAudit.Range(m, start, start + len);
                    return rw ? "mprotect(RW)" : "mprotect(R)";
                }

            case < 960:
                {
                    var vma = m.FindVma(start);
                    if (vma is null)
                    {
                        return "mremap (EFAULT)";
                    }

                    len = Math.Min(len, vma.End - start);
                    var algorithm = paths == WorkloadPaths.BadMremap ? MremapAlgorithm.NewIgnoringWrite : New() ? MremapAlgorithm.New : MremapAlgorithm.Old;
                    var to = start + toOther;
                    Mremap.Run(m, start, len, to, algorithm);
                    IsolationAudit.Range(m, to, to + len);
                    return "mremap";
                }

            case < 965 when mms.Count < 3:
                mms.Add(Fork.Run(m));
                IsolationAudit.All(sys);
                return "fork";
            case < 975 when mms.Count > 1:
                {
                    // exit(): every mapping goes; the survivors' pages may become exclusive again on their next write fault.
                    foreach (var vma in m.Vmas.ToList())
                    {
                        Munmap.Run(m, vma.Start, vma.End - vma.Start);
                    }

                    mms.Remove(m);
                    return "exit";
                }
            case < 990:
                Munmap.Run(m, start, len);
                m.Mmap(start, len, VmFlags.Read | VmFlags.Write);
                return "munmap + mmap";
            default:
                sys.Mmu.Access(agent(), m, start, MemoryAccess.Write);
                return "write";
        }
    }

    private static bool Covered(MmStruct mm, ulong start, ulong end)
    {
        for (var a = start; a < end;)
        {
            var v = mm.FindVma(a);
            if (v is null)
            {
                return false;
            }

            a = v.End;
        }

        return true;
    }

    private void Count(string name) => _counts[name] = _counts.GetValueOrDefault(name) + 1;

    private WorkloadResult Result(long ops, List<WorkloadFinding> findings, MmSystem sys) =>
        new(ops, new Dictionary<string, long>(_counts), findings, sys.Oracle?.ReadsChecked ?? 0, sys.Oracle?.StoresChecked ?? 0, sys.Stats);

    /// <summary>Remembers how many of each finding list were already reported.</summary>
    private sealed class FindingCursor
    {
        private int _losses;
        private int _violations;
        private int _livelocks;
        private int _oom;

        public bool Collect(MmSystem sys, long step, string operation, List<WorkloadFinding> into)
        {
            var before = into.Count;
            if (sys.Oracle is { } oracle)
            {
                for (; _losses < oracle.Losses.Count; _losses++)
                {
                    into.Add(new WorkloadFinding(WorkloadFindingKind.DataLoss, step, operation, oracle.Losses[_losses].ToString()));
                }

                for (; _violations < oracle.Violations.Count; _violations++)
                {
                    var v = oracle.Violations[_violations];
                    into.Add(new WorkloadFinding(v.Kind == ViolationKind.Permission ? WorkloadFindingKind.Permission : WorkloadFindingKind.Isolation, step, operation, v.ToString()));
                }
            }

            for (; _livelocks < sys.Livelocks.Count; _livelocks++)
            {
                into.Add(new WorkloadFinding(WorkloadFindingKind.FaultLivelock, step, operation, sys.Livelocks[_livelocks].ToString()));
            }

            for (; _oom < sys.OutOfMemory.Count; _oom++)
            {
                into.Add(new WorkloadFinding(WorkloadFindingKind.OutOfMemory, step, operation, sys.OutOfMemory[_oom].ToString()));
            }

            return into.Count > before;
        }
    }

    /// <summary>The operation mix, for documentation: per mille of each kind.</summary>
    public static string Mix => string.Create(CultureInfo.InvariantCulture,
        $"write 43%, read 30%, MADV_FREE 5%, MADV_COLD 3%, aging walk 3%, reclaim 4%, mprotect 5%, mremap 4%, fork 1.5% (up to 3 processes), exit 1% (never the last process), munmap+mmap 1.5%");
}
