using ArchPgtable.Hardware;

namespace ArchPgtable.Mm.Hardware;

/// <summary>
/// The last step of a hardware walk, shared by the simulated MMU and the contract suite's
/// hardware agent so that both follow one set of rules: pick the descriptor the hardware
/// evaluates (for an entry of a contiguous/NAPOT block, any entry of that block may be the one),
/// apply the architecture's <see cref="IHardwareModel"/>, and write an access-flag/dirty update
/// with one compare-and-swap; then the TLB entry the translation fills.
/// </summary>
/// <remarks>Kernel: none; the hardware (hardware-semantics.md §7, §7.5 "any entry of the block").</remarks>
public static class DescriptorWalk
{
    /// <summary>Evaluates the descriptor for an access to entry <paramref name="index"/> of <paramref name="table"/>.</summary>
    /// <param name="table">The PTE table (read with <see cref="PteTable.Peek"/>: hardware reads are not the kernel's).</param>
    /// <param name="index">The accessed page's entry.</param>
    /// <param name="landing">For an entry of a block, which entry of the block the walk evaluates, taken modulo the block size
    /// (the index itself: the accessed entry). A landing entry that is not part of the same block falls back to the accessed entry as a page.</param>
    /// <param name="hardware">The architecture's MMU rules.</param>
    /// <param name="access">Read or write.</param>
    public static WalkStep Step(PteTable table, int index, int landing, IHardwareModel hardware, MemoryAccess access)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(hardware);
        var block = hardware.BlockEntries(table.Peek(index));
        var target = index;
        if (block > 1)
        {
            var pick = (index & ~(block - 1)) + (int)((uint)landing % (uint)block);
            if (hardware.BlockEntries(table.Peek(pick)) == block)
            {
                target = pick;
            }
            else
            {
                block = 1;
            }
        }

        var before = table.Peek(target);
        var outcome = hardware.Translate(before, access);
        var raced = outcome.Ok && outcome.Updated != before && table.HardwareCompareExchange(target, outcome.Updated, before) != before;
        return new WalkStep(target, block, before, outcome, raced);
    }

    /// <summary>
    /// The TLB entry a successful step fills for virtual page <paramref name="vpn"/>: the whole block
    /// as one entry. The output address comes from the entry used, aligned down to its block, plus
    /// the page's offset in the block (arm64 OA(t) &amp; ~(size-1); RISC-V ppn(t) with ppn[3:0] :=
    /// vpn[3:0]): a NAPOT entry holds the range's encoded base whichever page it is read for.
    /// </summary>
    public static TlbEntry TlbEntryFor(in WalkStep step, ulong vpn, IPteFormat format, IHardwareModel hardware)
    {
        ArgumentNullException.ThrowIfNull(format);
        ArgumentNullException.ThrowIfNull(hardware);
        var used = (ulong)hardware.BlockEntries(step.Outcome.Updated);
        var pfn = (format.Pfn(step.Outcome.Updated) & ~(used - 1)) + (vpn & (used - 1));
        var offset = step.Block > 1 ? vpn & (ulong)(step.Block - 1) : 0;
        return new TlbEntry(vpn - offset, step.Block, step.Outcome.Updated, pfn - offset);
    }
}
