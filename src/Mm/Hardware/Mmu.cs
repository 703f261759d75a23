using System.Globalization;
using ArchPgtable.Hardware;
using ArchPgtable.Mm.Tracing;

namespace ArchPgtable.Mm.Hardware;

/// <summary>
/// The simulated MMU. An access hits the TLB when the cached descriptor grants it without a
/// hardware update; otherwise it walks the page table and takes <see cref="DescriptorWalk.Step"/>
/// (the architecture's <see cref="IHardwareModel"/> applied to the descriptor — for a contiguous
/// block, to the entry the <see cref="ContPolicy"/> picks — and any access-flag/dirty update
/// written with one compare-and-swap), restarting if the descriptor changed, fills the TLB, and on a fault calls
/// the <see cref="FaultHandler"/> and retries.
/// </summary>
/// <remarks>Kernel: none; the hardware (hardware-semantics.md §7).</remarks>
public sealed class Mmu
{
    private readonly MmSystem _system;
    private int _nextVersion;

    internal Mmu(MmSystem system) => _system = system;

    /// <summary>Reads the page at <paramref name="va"/> on the default agent; returns the content version read.</summary>
    /// <exception cref="SegmentationFaultException">The access cannot be resolved.</exception>
    public int Read(MmStruct mm, ulong va) => Access(_system.DefaultAgent, mm, va, MemoryAccess.Read);

    /// <summary>Writes the page at <paramref name="va"/> on the default agent; returns the new content version.</summary>
    /// <exception cref="SegmentationFaultException">The access cannot be resolved.</exception>
    public int Write(MmStruct mm, ulong va) => Access(_system.DefaultAgent, mm, va, MemoryAccess.Write);

    /// <summary>Performs one access on the default agent.</summary>
    public int Access(MmStruct mm, ulong va, MemoryAccess access) => Access(_system.DefaultAgent, mm, va, access);

    /// <summary>
    /// Performs one access on <paramref name="agent"/>: its TLB, its MMU rules, its block-entry choice. Returns the
    /// content version read or written, or -1 when the access did not complete within
    /// <see cref="MmOptions.MaxFaultsPerAccess"/> walks (a <see cref="FaultLivelock"/> is recorded in
    /// <see cref="MmSystem.Livelocks"/> instead) or its fault ran out of memory (an <see cref="OutOfMemory"/> in
    /// <see cref="MmSystem.OutOfMemory"/>).
    /// </summary>
    /// <exception cref="SegmentationFaultException">The access cannot be resolved.</exception>
    public int Access(MmAgent agent, MmStruct mm, ulong va, MemoryAccess access)
    {
        ArgumentNullException.ThrowIfNull(agent);
        ArgumentNullException.ThrowIfNull(mm);
        if (_system.Tracer is { } tracer && !ReferenceEquals(agent, _system.DefaultAgent))
        {
            // The walk, its hardware update and the fault handling are this agent's (its own thread in the trace).
            tracer.Agent = agent.Name;
            try
            {
                return AccessCore(agent, mm, va, access);
            }
            finally
            {
                tracer.Agent = _system.DefaultAgent.Name;
            }
        }

        return AccessCore(agent, mm, va, access);
    }

    private int AccessCore(MmAgent agent, MmStruct mm, ulong va, MemoryAccess access)
    {
        var g = _system.Arch.Geometry;
        var hw = agent.Hardware;
        var tlb = agent.Tlb;
        var vpn = va >> g.PageShift;
        var limit = _system.Options.MaxFaultsPerAccess;
        var faults = 0;
        var lastFault = MmuFaultKind.None;
        agent.Stats.Accesses++;
        for (var attempt = 0; attempt < limit; attempt++)
        {
            if (tlb.TryLookup(mm.Id, vpn, g.ContPtes, _system.HasHugePmds ? g.PtrsPerPte : 0, out var hit))
            {
                var cached = hw.Translate(hit.Descriptor, access);
                if (cached.Ok && cached.Updated == hit.Descriptor)
                {
                    _system.Stats.TlbHits++;
                    agent.Stats.TlbHits++;
                    if (attempt >= limit - 2)
                    {
                        _system.Faults.Trace = null;
                    }

                    return DataAccess(mm, va, hit.BasePfn + (vpn - hit.BaseVpn), access);
                }
            }

            _system.Stats.TlbMisses++;
            agent.Stats.TlbMisses++;
            if (attempt == limit - 2)
            {
                // Close to the bound: trace the handler's helper calls for a livelock report.
                _system.Faults.Trace = [];
            }

            var table = mm.PageTable.Find(va);
            MmuFaultKind fault;
            TlbEntry entry = default;
            if (table is null && _system.HasHugePmds && mm.PageTable.FindPmd(va) is { } pmdp && !pmdp.Table.Peek(pmdp.Index).IsNone)
            {
                var huge = StepHuge(pmdp, hw, access, vpn);
                if (huge.Fault == MmuFaultKind.None && huge.Raced)
                {
                    continue;
                }

                (fault, entry) = (huge.Fault, huge.Entry);
            }
            else if (table is null)
            {
                fault = MmuFaultKind.Translation;
            }
            else
            {
                var idx = g.PteIndex(va);
                var landing = agent.ContPolicy switch
                {
                    ContPolicy.First => 0,
                    ContPolicy.Random => hw.BlockEntries(table.Peek(idx)) is var b and > 1 ? agent.Rng.Next(b) : 0,
                    _ => idx,
                };
                var step = DescriptorWalk.Step(table, idx, landing, hw, access);
                if (_system.Tracer is { } tracer && step.Updated)
                {
                    TraceHardwareUpdate(tracer, table, step, access);
                }

                if (step.Outcome.Ok && step.Raced)
                {
                    continue;
                }

                fault = step.Outcome.Fault;
                if (step.Outcome.Ok)
                {
                    entry = DescriptorWalk.TlbEntryFor(step, vpn, _system.Arch.Format, hw);
                }
            }

            if (fault != MmuFaultKind.None)
            {
                lastFault = fault;
                faults++;
                Fault(agent, mm, va, lastFault, access);
                if (GaveUp())
                {
                    return -1;
                }

                continue;
            }

            _system.Faults.Trace = null;
            tlb.Fill(mm.Id, entry);
            return DataAccess(mm, va, entry.BasePfn + (vpn - entry.BaseVpn), access);
        }

        RecordLivelock(agent, mm, va, access, faults, lastFault);
        return -1;
    }

    /// <summary>
    /// The walk ending at a huge PMD: the leaf evaluated by the agent's last-level rules through
    /// <see cref="PmdOps.HardwareView"/> (its A/D capability applies to the block as to a page), an access-flag/dirty update
    /// written back to the PMD with one compare-and-swap, and one TLB entry for the whole PMD.
    /// </summary>
    /// <remarks>Kernel: none; the hardware walk of a level-2 block (arm64), a PSE PDE (x86), a leaf PMD (riscv).</remarks>
    private (MmuFaultKind Fault, bool Raced, TlbEntry Entry) StepHuge(PtePointer pmdp, IHardwareModel hw, MemoryAccess access, ulong vpn)
    {
        var ops = _system.Arch.PmdOps!;
        var raw = pmdp.Table.Peek(pmdp.Index);
        var view = ops.HardwareView(Pmd.FromPte(raw));
        var outcome = hw.Translate(view, access);
        if (!outcome.Ok)
        {
            return (outcome.Fault, false, default);
        }

        if (outcome.Updated != view)
        {
            var updated = ops.FromHardwareView(outcome.Updated).AsPte;
            if (pmdp.Table.HardwareCompareExchange(pmdp.Index, updated, raw) != raw)
            {
                return (MmuFaultKind.None, true, default);
            }

            if (_system.Tracer is { } tracer)
            {
                tracer.Instant("pmd_hw_update", "pte", TraceArg.Hex("old", raw.Value), TraceArg.Hex("new", updated.Value),
                    TraceArg.Text("access", access == MemoryAccess.Write ? "write" : "read"));
            }
        }

        var pages = _system.Arch.Geometry.PtrsPerPte;
        var baseVpn = vpn & ~(ulong)(pages - 1);
        var basePfn = _system.Format.Pfn(outcome.Updated) & ~(ulong)(pages - 1);
        return (MmuFaultKind.None, false, new TlbEntry(baseVpn, pages, outcome.Updated, basePfn));
    }

    private void Fault(MmAgent agent, MmStruct mm, ulong va, MmuFaultKind kind, MemoryAccess access)
    {
        agent.Stats.Faults++;
        _system.Faults.Trace?.Add(string.Create(CultureInfo.InvariantCulture, $"{agent.Name}: {kind} fault"));
        var cpu = _system.KernelCpu;
        _system.KernelCpu = agent.IsDevice ? _system.DefaultAgent : agent;
        try
        {
            _system.Faults.Handle(mm, va, kind, access);
        }
        finally
        {
            _system.KernelCpu = cpu;
        }
    }

    /// <summary>True (and the flag reset) when the fault just handled ran out of memory: the access is given up.</summary>
    private bool GaveUp()
    {
        if (!_system.Faults.OutOfMemoryRaised)
        {
            return false;
        }

        _system.Faults.OutOfMemoryRaised = false;
        _system.Faults.Trace = null;
        return true;
    }

    private void RecordLivelock(MmAgent agent, MmStruct mm, ulong va, MemoryAccess access, int faults, MmuFaultKind lastFault)
    {
        var calls = _system.Faults.Trace ?? [];
        _system.Faults.Trace = null;
        var g = _system.Arch.Geometry;
        var fmt = _system.Arch.Format;
        var table = mm.PageTable.Find(va);
        var entries = new List<string>();
        if (table is not null)
        {
            var idx = g.PteIndex(va);
            var block = Math.Max(1, agent.Hardware.BlockEntries(table.Peek(idx)));
            var first = idx & ~(block - 1);
            for (var i = first; i < first + block; i++)
            {
                entries.Add(string.Create(CultureInfo.InvariantCulture, $"{(i == idx ? "*" : "")}[{i - first}] 0x{table.Peek(i).Value:x16} {fmt.Describe(table.Peek(i))}"));
            }
        }

        _system.RecordLivelock(new FaultLivelock(agent.Name, mm.Id, access, va, faults, lastFault, entries, calls));
    }

    private void TraceHardwareUpdate(TraceRecorder tracer, PteTable table, in WalkStep step, MemoryAccess access) =>
        tracer.Instant("pte_hw_update", "pte", TraceArg.Number("ptep", step.Target),
            TraceArg.Hex("addr", table.BaseAddress + ((ulong)step.Target << _system.Arch.Geometry.PageShift)),
            TraceArg.Hex("old", step.Before.Value), TraceArg.Hex("new", step.Outcome.Updated.Value),
            TraceArg.Text("access", access == MemoryAccess.Write ? "write" : "read"), TraceArg.Number("block", step.Block));

    private int DataAccess(MmStruct mm, ulong va, ulong pfn, MemoryAccess access)
    {
        var mem = _system.Memory;
        if (access == MemoryAccess.Write)
        {
            if (pfn == mem.ZeroPfn)
            {
                throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                    $"write to 0x{va:x} reached the shared zero page: a stale writable TLB entry or a writable zero-page PTE."));
            }

            _system.Oracle?.OnStore(mm, va, pfn);
            var v = ++_nextVersion;
            mem.SetVersion(pfn, v);
            _system.Oracle?.OnWrite(mm, va, v);
            return v;
        }

        var version = mem.Version(pfn);
        _system.Oracle?.OnRead(mm, va, pfn, pfn == mem.ZeroPfn ? new FolioExtent(pfn, 1) : mem.FolioOf(pfn), version);
        return version;
    }
}
