using ArchPgtable.Hardware;
using ArchPgtable.Mm.Hardware;

namespace ArchPgtable.Contracts.World;

/// <summary>
/// The CPU side of the contract world, with the Mm <c>Mmu</c>'s rules (both take
/// <see cref="DescriptorWalk.Step"/>): an access hits the TLB when the cached descriptor grants it
/// without an update; otherwise the walk applies the architecture's <see cref="IHardwareModel"/>
/// to the descriptor — for an entry of a larger block (arm64 PTE_CONT, a NAPOT range), to
/// whichever entry of the block <c>landing</c> picks, as hardware may — and writes any access-flag
/// / dirty update with one compare-and-swap. It never runs the fault handler: a fault is reported
/// to the caller.
/// </summary>
/// <remarks>Kernel: none; the MMU (hardware-semantics.md §7, §7.5 "any entry of the block").</remarks>
internal sealed class HardwareAgent(PteTable table, IHardwareModel hardware, IPteFormat format, Tlb tlb, int asid, ulong baseVpn, int maxBlock, AgentVariant variant)
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
        landing = variant.Landing(index, landing);
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
            var step = DescriptorWalk.Step(table, index, landing, hardware, access);
            LastTarget = step.Target;
            LastBefore = step.Before;
            if (!step.Outcome.Ok)
            {
                return HardwareOutcome.Faulted;
            }

            if (step.Raced)
            {
                continue;
            }

            if (useTlb)
            {
                tlb.Fill(asid, DescriptorWalk.TlbEntryFor(step, vpn, format, hardware));
            }

            return step.Updated ? HardwareOutcome.Updated : HardwareOutcome.Walked;
        }

        return HardwareOutcome.Faulted;
    }
}
