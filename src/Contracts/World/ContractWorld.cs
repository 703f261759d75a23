using System.Globalization;
using ArchPgtable.Hardware;
using ArchPgtable.Mm.Hardware;
using ArchPgtable.Plugins;

namespace ArchPgtable.Contracts.World;

/// <summary>
/// One PTE table of one user address space of the architecture under test, with the hardware
/// agent, a TLB (the Mm model), counters and the access recorder. Reused case after case: only
/// the region a case populated is cleared. Entry <c>i</c> maps <see cref="Addr"/>(i).
/// </summary>
internal sealed class ContractWorld
{
    private const int Asid = 1;
    private readonly ulong[] _saved;
    private readonly List<(HardwareAgent Agent, string Name)> _setupAgents;
    private int _dirtyEnd;

    public ContractWorld(ArchInstance arch, AgentVariant? variant = null, IReadOnlyList<AgentVariant>? machine = null)
    {
        ArgumentNullException.ThrowIfNull(arch);
        Arch = arch;
        Variant = variant ?? AgentVariant.Default(arch);
        Ops = arch.Ops;
        Format = arch.Format;
        Geometry = arch.Geometry;
        Hardware = Variant.Hardware;
        Invariants = arch.Invariants;
        PrivateBits = arch.Invariants?.PrivateViewBits ?? 0;
        BaseVa = Geometry.PmdSize * 4;
        Table = new PteTable(Geometry.PtrsPerPte, Counters, BaseVa);
        Tlb = new Tlb(256);
        var flusher = new MmTlbFlusher(Tlb, Asid, Geometry, Counters);
        Mm = new ContractMm(Counters, flusher);
        Agent = new HardwareAgent(Table, Hardware, Format, Tlb, Asid, BaseVa >> Geometry.PageShift, Geometry.ContPtes, Variant);
        Recorder = new AccessRecorder(Agent);
        _setupAgents = [(Agent, Variant.Label is null ? "CPU" : AgentName(Variant))];
        foreach (var other in machine ?? [])
        {
            if (other != Variant)
            {
                _setupAgents.Add((new HardwareAgent(Table, other.Hardware, Format, Tlb, Asid, BaseVa >> Geometry.PageShift, Geometry.ContPtes, other), AgentName(other)));
            }
        }
        _saved = new ulong[Geometry.PtrsPerPte];
        HardwareDirty = DetectHardwareDirty(arch.Format, Hardware);
    }

    public ArchInstance Arch { get; }

    /// <summary>The kind of hardware walker this world's agent is.</summary>
    public AgentVariant Variant { get; }

    public IPageTableOps Ops { get; }

    public IPteFormat Format { get; }

    public ArchGeometry Geometry { get; }

    public IHardwareModel Hardware { get; }

    public IArchInvariants? Invariants { get; }

    /// <summary>The arch's private view bits (arm64 PTE_CONT), masked out of view attributes.</summary>
    public ulong PrivateBits { get; }

    /// <summary>True when a store to a writable clean entry makes the hardware set the dirty state itself.</summary>
    public bool HardwareDirty { get; }

    public ulong BaseVa { get; }

    public PteTable Table { get; }

    public CostCounters Counters { get; } = new();

    public Tlb Tlb { get; }

    public ContractMm Mm { get; }

    public HardwareAgent Agent { get; }

    public AccessRecorder Recorder { get; }

    /// <summary>The entries a case may populate or look at: [RegionStart, RegionEnd).</summary>
    public int RegionStart { get; private set; }

    /// <summary>One past the region's last entry.</summary>
    public int RegionEnd { get; private set; }

    public int RegionLength => RegionEnd - RegionStart;

    public ulong Addr(int index) => BaseVa + ((ulong)index << Geometry.PageShift);

    public PtePointer P(int index) => new(Table, index);

    /// <summary>ptep_get() through the ops under test, decoded.</summary>
    public PteView View(int index) => PteView.Of(Format, Ops.PtepGet(new PtePointer(Table, index)), PrivateBits);

    /// <summary>Empties everything the previous case populated; the region becomes [0, 0).</summary>
    public void Reset()
    {
        Table.Observer = null;
        for (var i = 0; i < _dirtyEnd; i++)
        {
            if (!Table.Peek(i).IsNone)
            {
                Table.Write(i, Pte.None);
            }
        }

        var baseVpn = BaseVa >> Geometry.PageShift;
        Tlb.InvalidateRange(Asid, baseVpn, baseVpn + (ulong)Math.Max(_dirtyEnd, 1), Geometry.ContPtes);
        Mm.Clear();
        Recorder.Reset();
        RegionStart = 0;
        RegionEnd = 0;
        _dirtyEnd = 0;
    }

    /// <summary>Grows the region to cover [start, end), rounded out to whole blocks and clipped to the table.</summary>
    public void Cover(int start, int end)
    {
        var c = Geometry.ContPtes;
        var s = Math.Max(0, start & ~(c - 1));
        var e = Math.Min(Table.Count, (end + c - 1) & ~(c - 1));
        if (RegionEnd == RegionStart)
        {
            (RegionStart, RegionEnd) = (s, e);
        }
        else
        {
            RegionStart = Math.Min(RegionStart, s);
            RegionEnd = Math.Max(RegionEnd, e);
        }

        _dirtyEnd = Math.Max(_dirtyEnd, RegionEnd);
    }

    /// <summary>Marks every entry up to <paramref name="end"/> for clearing by the next <see cref="Reset"/>.</summary>
    public void Touched(int end) => _dirtyEnd = Math.Max(_dirtyEnd, Math.Min(end, Table.Count));

    /// <summary>Copies the region's raw words (uncounted) into <paramref name="destination"/>.</summary>
    public void CopyRaw(Span<ulong> destination)
    {
        for (var i = RegionStart; i < RegionEnd; i++)
        {
            destination[i - RegionStart] = Table.Peek(i).Value;
        }
    }

    /// <summary>Saves the whole table's raw words for <see cref="RestoreSaved"/>.</summary>
    public void Save() => Table.CopyTo(_saved);

    /// <summary>Puts back the words saved by <see cref="Save"/> (writing only those that differ).</summary>
    public void RestoreSaved()
    {
        var observer = Table.Observer;
        Table.Observer = null;
        for (var i = 0; i < _saved.Length; i++)
        {
            if (Table.Peek(i).Value != _saved[i])
            {
                Table.Write(i, new Pte(_saved[i]));
            }
        }

        Table.Observer = observer;
    }

    /// <summary>The arch's invariants over the region, or null when they hold (or the arch declares none).</summary>
    public string? CheckInvariants() =>
        Invariants?.Check(Table, RegionStart, Math.Max(RegionLength, Geometry.ContPtes));

    /// <summary>The block (natural group of <see cref="IHardwareModel.BlockEntries"/> entries) raw entry <paramref name="index"/> belongs to now.</summary>
    public (int Start, int Count) BlockOf(int index)
    {
        var n = Hardware.BlockEntries(Table.Peek(index));
        return n <= 1 ? (index, 1) : (index & ~(n - 1), n);
    }

    /// <summary>
    /// The agent a state-building access comes from: the world's own agent, or on a machine any of its kinds (chosen
    /// from the generated <paramref name="choice"/>), so that, say, a CPU's hardware update can leave a sibling young
    /// before an SMMU without HTTU faults.
    /// </summary>
    public (HardwareAgent Agent, string Name) SetupAgent(int choice) =>
        _setupAgents.Count == 1 ? _setupAgents[0] : _setupAgents[(int)(((uint)choice * 0x9E3779B1u) >> 16) % _setupAgents.Count];

    private static string AgentName(AgentVariant v) => v.Label is null ? "CPU" : v.Label.Split(':')[0];

    public string Describe(int index) => Format.Describe(Table.Peek(index));

    public string Where(int index) => string.Create(CultureInfo.InvariantCulture, $"pte[{index}] (va 0x{Addr(index):x})");

    private static bool DetectHardwareDirty(IPteFormat f, IHardwareModel hardware)
    {
        var prot = f.ProtFor(VmFlags.Read | VmFlags.Write | VmFlags.Shared);
        var clean = f.MkClean(f.MkYoung(f.MkWrite(f.PfnPte(0x1000, prot))));
        var outcome = hardware.Translate(clean, MemoryAccess.Write);
        return outcome.Ok && f.Dirty(outcome.Updated);
    }
}
