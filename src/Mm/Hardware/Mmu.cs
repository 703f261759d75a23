using System.Globalization;
using ArchPgtable.Hardware;

namespace ArchPgtable.Mm.Hardware;

/// <summary>
/// The simulated MMU. An access hits the TLB when the cached descriptor grants it without a
/// hardware update; otherwise it walks the page table, applies the architecture's
/// <see cref="IHardwareModel"/> to the descriptor (for a contiguous block, to the entry the
/// <see cref="ContPolicy"/> picks), writes any access-flag/dirty update with one
/// compare-and-swap (restarting if the descriptor changed), fills the TLB, and on a fault calls
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
            var own = table.Peek(idx);
            var blk = hw.BlockEntries(own);
            var t = idx;
            if (blk > 1)
            {
                var start = idx & ~(blk - 1);
                var pick = start + _system.Options.ContPolicy switch
                {
                    ContPolicy.First => 0,
                    ContPolicy.Random => _rng.Next(blk),
                    _ => idx - start,
                };
                if (hw.BlockEntries(table.Peek(pick)) == blk)
                {
                    t = pick;
                }
                else
                {
                    blk = 1;
                }
            }

            var d = table.Peek(t);
            var outcome = hw.Translate(d, access);
            if (!outcome.Ok)
            {
                _system.Faults.Handle(mm, va, outcome.Fault, access);
                continue;
            }

            if (outcome.Updated != d && table.HardwareCompareExchange(t, outcome.Updated, d) != d)
            {
                continue;
            }

            // The output address comes from the entry used, aligned down to its block, plus the
            // page's offset in the block (§7.5: arm64 OA(t) & ~(size-1); RISC-V ppn(t) with
            // ppn[3:0] := vpn[3:0]). The entry's own PFN is not the page's: a NAPOT entry holds the
            // range's encoded base whichever page it is read for.
            var used = (ulong)hw.BlockEntries(outcome.Updated);
            var pfn = (_system.Arch.Format.Pfn(outcome.Updated) & ~(used - 1)) + (vpn & (used - 1));
            var offset = blk > 1 ? vpn & (ulong)(blk - 1) : 0;
            var basePfn = pfn - offset;
            var baseVpn = vpn - offset;

            _system.Tlb.Fill(mm.Id, new TlbEntry(baseVpn, blk, outcome.Updated, basePfn));
            return DataAccess(mm, va, basePfn + (vpn - baseVpn), access);
        }

        throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
            $"{access} of 0x{va:x} did not complete after {MaxAttempts} walks: the fault handler leaves the entry faulting ({_system.Arch.Format.Describe(mm.PageTable.Find(va)?.Peek(g.PteIndex(va)) ?? Pte.None)})."));
    }

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
