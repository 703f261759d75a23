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
    private const int MaxAttempts = 16;
    private readonly MmSystem _system;
    private readonly Random _rng;
    private int _nextVersion;

    internal Mmu(MmSystem system)
    {
        _system = system;
        _rng = new Random(system.Options.Seed);
    }

    /// <summary>Reads the page at <paramref name="va"/>; returns the content version read.</summary>
    /// <exception cref="SegmentationFaultException">The access cannot be resolved.</exception>
    public int Read(MmStruct mm, ulong va) => Access(mm, va, MemoryAccess.Read);

    /// <summary>Writes the page at <paramref name="va"/>; returns the new content version.</summary>
    /// <exception cref="SegmentationFaultException">The access cannot be resolved.</exception>
    public int Write(MmStruct mm, ulong va) => Access(mm, va, MemoryAccess.Write);

    /// <summary>Performs one access.</summary>
    public int Access(MmStruct mm, ulong va, MemoryAccess access)
    {
        ArgumentNullException.ThrowIfNull(mm);
        var g = _system.Arch.Geometry;
        var hw = _system.Arch.Hardware;
        var vpn = va >> g.PageShift;
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            if (_system.Tlb.TryLookup(mm.Id, vpn, g.ContPtes, out var hit))
            {
                var cached = hw.Translate(hit.Descriptor, access);
                if (cached.Ok && cached.Updated == hit.Descriptor)
                {
                    _system.Stats.TlbHits++;
                    return DataAccess(mm, va, hit.BasePfn + (vpn - hit.BaseVpn), access);
                }
            }

            _system.Stats.TlbMisses++;
            var table = mm.PageTable.Find(va);
            if (table is null)
            {
                _system.Faults.Handle(mm, va, MmuFaultKind.Translation, access);
                continue;
            }

            var idx = g.PteIndex(va);
            var landing = _system.Options.ContPolicy switch
            {
                ContPolicy.First => 0,
                ContPolicy.Random => hw.BlockEntries(table.Peek(idx)) is var b and > 1 ? _rng.Next(b) : 0,
                _ => idx,
            };
            var step = DescriptorWalk.Step(table, idx, landing, hw, access);
            if (_system.Tracer is { } tracer && step.Updated)
            {
                TraceHardwareUpdate(tracer, table, step, access);
            }
            if (!step.Outcome.Ok)
            {
                _system.Faults.Handle(mm, va, step.Outcome.Fault, access);
                continue;
            }

            if (step.Raced)
            {
                continue;
            }

            var entry = DescriptorWalk.TlbEntryFor(step, vpn, _system.Arch.Format, hw);
            _system.Tlb.Fill(mm.Id, entry);
            return DataAccess(mm, va, entry.BasePfn + (vpn - entry.BaseVpn), access);
        }

        throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
            $"{access} of 0x{va:x} did not complete after {MaxAttempts} walks: the fault handler leaves the entry faulting ({_system.Arch.Format.Describe(mm.PageTable.Find(va)?.Peek(g.PteIndex(va)) ?? Pte.None)})."));
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
