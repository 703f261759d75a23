using ArchPgtable.Hardware;
using ArchPgtable.Mm.Hardware;

namespace ArchPgtable.Contracts.World;

/// <summary>
/// The CPU side of the contract world, following the rules of the Mm <c>Mmu</c>: an access hits
/// the TLB when the cached descriptor grants it without an update; otherwise it walks, applies the
/// architecture's <see cref="IHardwareModel"/> to the descriptor — for an entry of a larger block
/// (arm64 PTE_CONT), to whichever entry of the block <c>landing</c> picks, as hardware may — and
/// writes any access-flag / dirty update with one compare-and-swap. It never runs the fault
/// handler: a fault is reported to the caller.
/// </summary>
/// <remarks>Kernel: none; the MMU (hardware-semantics.md §7, §7.5 "any entry of the block").</remarks>
internal sealed class HardwareAgent(PteTable table, IHardwareModel hardware, IPteFormat format, Tlb tlb, int asid, ulong baseVpn, int maxBlock)
{
    /// <summary>The index of the entry the last update landed on (or that was walked).</summary>
    public int LastTarget { get; private set; }

    /// <summary>The value the last walk read from <see cref="LastTarget"/>.</summary>
    public Pte LastBefore { get; private set; }

    /// <summary>Performs a user access to the page of entry <paramref name="index"/>.</summary>
    /// <param name="index">The accessed page's table index.</param>
    /// <param name="write">A store rather than a load.</param>
    /// <param name="landing">Which entry of a block the walk evaluates (taken modulo the block size).</param>
    /// <param name="useTlb">Consult and fill the TLB (false for race injection: a bare walk).</param>
    public HardwareOutcome Access(int index, bool write, int landing, bool useTlb)
    {
        var access = write ? MemoryAccess.Write : MemoryAccess.Read;
        var vpn = baseVpn + (ulong)index;
        if (useTlb && tlb.TryLookup(asid, vpn, maxBlock, out var hit))
        {
            var cached = hardware.Translate(hit.Descriptor, access);
            if (cached.Ok && cached.Updated == hit.Descriptor)
            {
                LastTarget = index;
                LastBefore = table.Peek(index);
                return HardwareOutcome.TlbHit;
            }
        }

        for (var attempt = 0; attempt < 8; attempt++)
        {
            var blk = BlockOf(table.Peek(index));
            var t = index;
            if (blk > 1)
            {
                var start = index & ~(blk - 1);
                var pick = start + (int)((uint)landing % (uint)blk);
                if (BlockOf(table.Peek(pick)) == blk)
                {
                    t = pick;
                }
                else
                {
                    blk = 1;
                }
            }

            LastTarget = t;
            var d = table.Peek(t);
            LastBefore = d;
            var outcome = hardware.Translate(d, access);
            if (!outcome.Ok)
            {
                return HardwareOutcome.Faulted;
            }

            var updated = outcome.Updated != d;
            if (updated && table.HardwareCompareExchange(t, outcome.Updated, d) != d)
            {
                continue;
            }

            if (useTlb)
            {
                // As the Mm MMU: the block's output address is the used entry's PFN aligned down to the
                // block (arm64 OA(t) & ~(size-1); a NAPOT entry holds the range's base for every page).
                var start = index & ~(blk - 1);
                var basePfn = format.Pfn(outcome.Updated) & ~(ulong)(blk - 1);
                tlb.Fill(asid, new TlbEntry(vpn - (ulong)(index - start), blk, outcome.Updated, basePfn));
            }

            return updated ? HardwareOutcome.Updated : HardwareOutcome.Walked;
        }

        return HardwareOutcome.Faulted;
    }

    private int BlockOf(Pte pte) => hardware.BlockEntries(pte);
}
