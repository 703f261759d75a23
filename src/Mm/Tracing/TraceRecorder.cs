using ArchPgtable.Plugins;

namespace ArchPgtable.Mm.Tracing;

/// <summary>
/// Records kernel-named events of a simulated run — helper calls with their arguments and return
/// value, the raw PTE accesses they make, TLB flushes, contpte folds and unfolds, folio splits and
/// faults — up to <see cref="Limit"/> events, in logical time. Nothing is installed until
/// <see cref="Attach"/> or <see cref="Instrument(ArchInstance)"/> is called, so an untraced run pays nothing.
/// Write the result with <see cref="ChromeTraceWriter"/> (Perfetto, chrome://tracing) or
/// <see cref="FtraceTextWriter"/> (ftrace-style lines).
/// </summary>
/// <remarks>Kernel: the role of ftrace with the function-graph tracer and the mm tracepoints.</remarks>
public sealed class TraceRecorder
{
    /// <summary>The default event limit: about 10 MB of Chrome JSON.</summary>
    public const int DefaultLimit = 100_000;

    private readonly List<TraceEvent> _events = [];
    private readonly Dictionary<string, int> _agents = new(StringComparer.Ordinal);
    private readonly Stack<bool> _open = new();
    private int _pid = 1;
    private int _tid;
    private long _clock;

    /// <summary>Creates a recorder that keeps at most <paramref name="limit"/> events.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="limit"/> is below 1.</exception>
    public TraceRecorder(int limit = DefaultLimit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        Limit = limit;
        _agents[DefaultAgent] = 0;
    }

    /// <summary>The agent events are attributed to until <see cref="Agent"/> is set: the one CPU.</summary>
    public const string DefaultAgent = "cpu0";

    /// <summary>The most events kept. After it, recording stops (only the ends of spans already open are
    /// kept, so that the file stays well nested) and <see cref="Truncated"/> is set.</summary>
    public int Limit { get; }

    /// <summary>The events recorded, in order.</summary>
    public IReadOnlyList<TraceEvent> Events => _events;

    /// <summary>True when events were dropped because <see cref="Limit"/> was reached.</summary>
    public bool Truncated => Offered > _events.Count;

    /// <summary>How many events the run produced, the dropped ones included.</summary>
    public long Offered { get; private set; }

    /// <summary>The agent that acts now (tid in the Chrome view, CPU column in ftrace): <c>cpu0</c> unless set.</summary>
    public string Agent
    {
        get;
        set
        {
            ArgumentException.ThrowIfNullOrEmpty(value);
            if (!_agents.TryGetValue(value, out var tid))
            {
                tid = _agents.Count;
                _agents[value] = tid;
            }

            _tid = tid;
            field = value;
        }
    }

        = DefaultAgent;

    /// <summary>The agents seen so far, by tid.</summary>
    public IReadOnlyDictionary<string, int> Agents => _agents;

    /// <summary>The current machine (pid).</summary>
    public int Pid => _pid;

    /// <summary>The names given to machines by <see cref="BeginProcess"/>, by pid.</summary>
    public IReadOnlyDictionary<int, string> Processes => _processes;

    private readonly Dictionary<int, string> _processes = [];

    /// <summary>Starts a new machine (pid) named <paramref name="name"/>; later events belong to it.</summary>
    public int BeginProcess(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (_processes.Count > 0)
        {
            _pid++;
        }

        _processes[_pid] = name;
        return _pid;
    }

    /// <summary>
    /// Traces everything <paramref name="system"/> does from now on: its helper calls (and the raw
    /// accesses, flushes and folds inside them), the TLB flushes of its mm_gather and other mm
    /// operations, and its faults. Starts a new machine (pid) named <paramref name="name"/>.
    /// </summary>
    /// <returns>The same system.</returns>
    public MmSystem Attach(MmSystem system, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(system);
        BeginProcess(name ?? $"{system.Arch.Arch}: {system.Arch.Description}");
        Agent = system.DefaultAgent.Name;
        system.AttachTracer(this, new TracingPageTableOps(system.Arch.Ops, this));
        return system;
    }

    /// <summary>
    /// A copy of <paramref name="arch"/> whose helpers are traced: every call through its
    /// <see cref="ArchInstance.Ops"/> records a begin/end span with arguments and return value and,
    /// inside it, the raw PTE accesses, TLB flushes and folds the helper makes. For callers that drive
    /// helpers without an <see cref="MmSystem"/> (the contract suite).
    /// </summary>
    public ArchInstance Instrument(ArchInstance arch) => Instrument(arch, null);

    /// <summary>
    /// As <see cref="Instrument(ArchInstance)"/>, with every helper call (and what it does) recorded on the thread
    /// named <paramref name="agent"/>: two builds driven side by side (the model and the kernel's C in <c>diff</c>)
    /// stay apart in the trace.
    /// </summary>
    public ArchInstance Instrument(ArchInstance arch, string? agent)
    {
        ArgumentNullException.ThrowIfNull(arch);
        return arch.WithOps(new TracingPageTableOps(arch.Ops, this, agent), arch.Description);
    }

    /// <summary>Records the start of a span (a helper call, a fault).</summary>
    public void Begin(string name, string category, params TraceArg[] args) =>
        _open.Push(Add(TracePhase.Begin, name, category, args, force: false));

    /// <summary>Records the end of the innermost open span, with its results (<c>ret</c>). The end of a
    /// span whose begin was kept is kept even past the limit, so that spans stay nested; the end of one
    /// whose begin was dropped is dropped.</summary>
    public void End(string name, string category, params TraceArg[] args)
    {
        if (_open.Count == 0)
        {
            Add(TracePhase.End, name, category, args, force: false);
        }
        else if (_open.Pop())
        {
            Add(TracePhase.End, name, category, args, force: true);
        }
        else
        {
            Offered++;
        }
    }

    /// <summary>Records a point event (a raw access, a flush, a fold).</summary>
    public void Instant(string name, string category, params TraceArg[] args) =>
        Add(TracePhase.Instant, name, category, args, force: false);

    private bool Add(TracePhase phase, string name, string category, TraceArg[] args, bool force)
    {
        Offered++;
        if (!force && _events.Count >= Limit)
        {
            return false;
        }

        _events.Add(new TraceEvent(_clock++, phase, name, category, _pid, _tid, args));
        return true;
    }
}
