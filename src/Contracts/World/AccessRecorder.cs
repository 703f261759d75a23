namespace ArchPgtable.Contracts.World;

/// <summary>
/// The observer attached to the PTE table while a helper runs: counts every software access,
/// records every write (the helper's write set), and — when armed — makes one hardware access
/// before the helper's access number <see cref="InjectAt"/>, as a concurrent CPU would.
/// </summary>
/// <remarks>Kernel: none; page_table_check-like recording plus the race the PTL does not prevent (hardware A/D).</remarks>
internal sealed class AccessRecorder(HardwareAgent agent) : IPteAccessObserver
{
    private readonly List<RawWrite> _writes = new(64);

    /// <summary>Software accesses seen so far.</summary>
    public int Accesses { get; private set; }

    /// <summary>The writes seen so far, in order.</summary>
    public IReadOnlyList<RawWrite> Writes => _writes;

    /// <summary>Inject before this access (-1: never).</summary>
    public int InjectAt { get; private set; } = -1;

    /// <summary>The injection made, if any.</summary>
    public InjectedUpdate? Injected { get; private set; }

    private int _page;
    private bool _write;
    private int _landing;

    /// <summary>Clears the counts and the write log; disarms.</summary>
    public void Reset()
    {
        Accesses = 0;
        _writes.Clear();
        InjectAt = -1;
        Injected = null;
    }

    /// <summary>Arms one hardware access to page <paramref name="page"/> before access <paramref name="point"/>.</summary>
    public void Arm(int point, int page, bool write, int landing)
    {
        InjectAt = point;
        _page = page;
        _write = write;
        _landing = landing;
    }

    public void BeforeAccess(PteTable table, int index, PteAccessKind kind)
    {
        if (Accesses++ == InjectAt)
        {
            Inject(table);
        }
    }

    public void AfterAccess(PteTable table, int index, PteAccessKind kind, Pte before, Pte after)
    {
        if (kind is PteAccessKind.Write or PteAccessKind.Exchange || (kind == PteAccessKind.CompareExchange && before != after))
        {
            _writes.Add(new RawWrite(index, kind, before, after));
        }
    }

    /// <summary>Makes the armed access now if it was armed past the helper's last access (an update after the helper returned).</summary>
    public void InjectIfPending(PteTable table)
    {
        if (InjectAt >= Accesses && Injected is null && InjectAt >= 0)
        {
            Inject(table);
        }
    }

    private void Inject(PteTable table)
    {
        var outcome = agent.Access(_page, _write, _landing, useTlb: false);
        Injected = new InjectedUpdate(InjectAt, _page, agent.LastTarget, _write, outcome, agent.LastBefore, table.Peek(agent.LastTarget));
    }
}
