using ArchPgtable.Hardware;

namespace ArchPgtable.Mm.Hardware;

/// <summary>What one hardware evaluation of a PTE did (<see cref="DescriptorWalk.Step"/>).</summary>
/// <param name="Target">The table index of the entry evaluated: the accessed one, or for a block the entry the walk landed on.</param>
/// <param name="Block">Entries of the block the translation covers (1 for a page).</param>
/// <param name="Before">The descriptor read from <paramref name="Target"/>.</param>
/// <param name="Outcome">The hardware model's verdict: a fault, or the descriptor after any access-flag/dirty update.</param>
/// <param name="Raced">The update's compare-and-swap lost to a concurrent change: nothing was written; walk again.</param>
public readonly record struct WalkStep(int Target, int Block, Pte Before, MmuOutcome Outcome, bool Raced)
{
    /// <summary>True when the hardware wrote an access-flag/dirty update (and did not race).</summary>
    public bool Updated => Outcome.Ok && !Raced && Outcome.Updated != Before;
}
