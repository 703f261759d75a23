using ArchPgtable.Machines;
using ArchPgtable.Mm.Hardware;
using ArchPgtable.Mm.Memory;
using ArchPgtable.Mm.Oracle;
using ArchPgtable.Mm.Tracing;
using ArchPgtable.Plugins;

namespace ArchPgtable.Mm;

/// <summary>
/// A simulated machine running one architecture: physical memory, swap, a TLB and MMU, the
/// fault handler, the address spaces, their shared cost counters and the data oracle. Core mm
/// here sees the architecture only through <see cref="ArchInstance"/>'s interfaces.
/// </summary>
public sealed class MmSystem
{
    private readonly List<MmStruct> _mms = [];
    private readonly MmAgent[] _agents;
    private readonly List<FaultLivelock> _livelocks = [];
    private readonly List<OutOfMemory> _outOfMemory = [];
    private int _nextId = 1;

    /// <summary>Builds a machine for <paramref name="arch"/>.</summary>
    public MmSystem(ArchInstance arch, MmOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(arch);
        Options = options ?? new MmOptions();
        Arch = Options.Machine is null ? arch : arch.MachineSupportOrDefault.ForMachine(arch, Options.Machine);
        Ops = Arch.Ops;
        Memory = new PhysicalMemory(Options.PhysicalPages, maxOrder: Math.Max(PhysicalMemory.MaxOrder, Math.Min(PhysicalMemory.MaxSupportedOrder, System.Numerics.BitOperations.Log2((uint)Arch.Geometry.PtrsPerPte))));
        _agents = BuildAgents(Arch, Options);
        DefaultAgent = _agents[0];
        KernelCpu = DefaultAgent;
        Oracle = Options.Oracle ? new DataOracle(arch.Geometry.PageShift) : null;
        Faults = new FaultHandler(this);
        Mmu = new Mmu(this);
    }

    /// <summary>The architecture.</summary>
    public ArchInstance Arch { get; }

    /// <summary>True once any address space had a huge PMD (the MMU and the flushes look for PMD entries only then).</summary>
    public bool HasHugePmds { get; internal set; }

    /// <summary>The options it was built with.</summary>
    public MmOptions Options { get; }

    /// <summary>Physical memory and folios.</summary>
    public PhysicalMemory Memory { get; }

    /// <summary>The swap device.</summary>
    public SwapSpace Swap { get; } = new();

    /// <summary>The default agent's TLB (the single-agent API's TLB).</summary>
    public Tlb Tlb => DefaultAgent.Tlb;

    /// <summary>Every hardware agent, the default agent (the machine's first CPU) first.</summary>
    public IReadOnlyList<MmAgent> Agents => _agents;

    /// <summary>The agent the single-agent API (<see cref="Mmu.Read(MmStruct, ulong)"/>, …) uses: the machine's first CPU.</summary>
    public MmAgent DefaultAgent { get; }

    /// <summary>The machine, or null for the single-agent default.</summary>
    public MachineDescription? Machine => Options.Machine;

    /// <summary>
    /// The CPU running kernel code now, which a local (non-broadcast) flush reaches: the faulting CPU while the fault
    /// handler runs for it, otherwise (core mm's own operations, and a device agent's fault, whose handler runs on a
    /// CPU) the default agent.
    /// </summary>
    public MmAgent KernelCpu { get; internal set; }

    /// <summary>Fault livelocks: accesses that did not complete within <see cref="MmOptions.MaxFaultsPerAccess"/> faults.</summary>
    public IReadOnlyList<FaultLivelock> Livelocks => _livelocks;

    /// <summary>Faults that found no memory even after reclaim (the access was given up).</summary>
    public IReadOnlyList<OutOfMemory> OutOfMemory => _outOfMemory;

    /// <summary>The agent called <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">No such agent.</exception>
    public MmAgent Agent(string name) =>
        _agents.FirstOrDefault(a => string.Equals(a.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"the machine has no agent '{name}'.", nameof(name));

    /// <summary>The MMU: every data access goes through it.</summary>
    public Mmu Mmu { get; }

    /// <summary>The page-fault handler.</summary>
    public FaultHandler Faults { get; }

    /// <summary>PTE, TLB, fold and split costs of everything that ran.</summary>
    public CostCounters Counters { get; } = new();

    /// <summary>Core-mm event counts.</summary>
    public MmStats Stats { get; } = new();

    /// <summary>The data-integrity oracle, or null when disabled.</summary>
    public DataOracle? Oracle { get; }

    /// <summary>The address spaces.</summary>
    public IReadOnlyList<MmStruct> Mms => _mms;

    /// <summary>The trace recorder attached by <see cref="TraceRecorder.Attach"/>, or null (the default: nothing traced).</summary>
    public TraceRecorder? Tracer { get; private set; }

    /// <summary>The helpers core mm calls on this machine: the arch's (<see cref="ArchInstance.Ops"/>), or a traced wrapper of them once a <see cref="TraceRecorder"/> is attached.</summary>
    public IPageTableOps Ops { get; private set; }

    internal IPteFormat Format => Arch.Format;

    /// <summary>Creates an empty address space.</summary>
    /// <remarks>Kernel: mm_alloc()</remarks>
    public MmStruct CreateMm()
    {
        var mm = new MmStruct(this, _nextId++);
        if (Tracer is not null)
        {
            Trace(mm, Tracer);
        }

        _mms.Add(mm);
        return mm;
    }

    internal void RecordLivelock(FaultLivelock livelock) => _livelocks.Add(livelock);

    internal void RecordOutOfMemory(OutOfMemory oom)
    {
        _outOfMemory.Add(oom);
        Oracle?.Record(oom.MmId, oom.Address, oom.Address + 1, "out of memory");
    }

    private static MmAgent[] BuildAgents(ArchInstance arch, MmOptions options)
    {
        if (options.Machine is null)
        {
            var hw = arch.Hardware;
            return [new MmAgent(0, new AgentSpec("cpu0", AgentKind.Cpu, hw.HardwareAccessFlag, hw.HardwareAccessFlag, TlbEntries: options.TlbEntries), hw, options.ContPolicy, options.Seed)];
        }

        var support = arch.MachineSupportOrDefault;
        var problem = support.ValidateMachine(options.Machine);
        if (problem is not null)
        {
            throw new ArgumentException($"{problem} on {arch.Arch}.", nameof(options));
        }

        // The default agent is the first CPU; the others keep the machine's order.
        var specs = options.Machine.Agents.OrderBy(a => a.Kind == AgentKind.Cpu ? 0 : 1).ToList();
        var agents = new MmAgent[specs.Count];
        for (var i = 0; i < specs.Count; i++)
        {
            var e = support.Effective(specs[i]);
            agents[i] = new MmAgent(i, specs[i], e.Hardware, MmAgent.PolicyFor(specs[i].BlockEntry), options.Seed + i);
        }

        return agents;
    }

    /// <summary>Bytes of simulator state: page tables of every mm plus per-page physical-memory state.</summary>
    public long StateBytes => Memory.StateBytes + _mms.Sum(m => m.PageTable.Bytes);

    /// <summary>Routes helper calls through <paramref name="ops"/> and the TLB and fold events of every mm to <paramref name="tracer"/>.</summary>
    internal void AttachTracer(TraceRecorder tracer, IPageTableOps ops)
    {
        if (Tracer is not null)
        {
            throw new InvalidOperationException("a trace recorder is already attached to this machine.");
        }

        Tracer = tracer;
        Ops = ops;
        foreach (var mm in _mms)
        {
            Trace(mm, tracer);
        }
    }

    private static void Trace(MmStruct mm, TraceRecorder tracer)
    {
        mm.Tlb = new TracingTlbFlusher(mm.Tlb, tracer);
        mm.Counters = new TracingCostCounters(mm.Counters, tracer);
    }
}
