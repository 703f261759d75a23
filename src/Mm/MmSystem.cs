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
    private int _nextId = 1;

    /// <summary>Builds a machine for <paramref name="arch"/>.</summary>
    public MmSystem(ArchInstance arch, MmOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(arch);
        Arch = arch;
        Ops = arch.Ops;
        Options = options ?? new MmOptions();
        Memory = new PhysicalMemory(Options.PhysicalPages);
        Tlb = new Tlb(Options.TlbEntries);
        Oracle = Options.Oracle ? new DataOracle(arch.Geometry.PageShift) : null;
        Faults = new FaultHandler(this);
        Mmu = new Mmu(this);
    }

    /// <summary>The architecture.</summary>
    public ArchInstance Arch { get; }

    /// <summary>The options it was built with.</summary>
    public MmOptions Options { get; }

    /// <summary>Physical memory and folios.</summary>
    public PhysicalMemory Memory { get; }

    /// <summary>The swap device.</summary>
    public SwapSpace Swap { get; } = new();

    /// <summary>The TLB.</summary>
    public Tlb Tlb { get; }

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
