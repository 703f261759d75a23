namespace ArchPgtable.Plugins;

/// <summary>
/// The validity rules an architecture's page tables must satisfy after every page-table
/// operation returns, declared by the plugin so that a checker (the contract suite) can test
/// them without referencing the plugin. Optional: an architecture without such rules sets
/// <see cref="ArchInstance.Invariants"/> to null.
/// </summary>
/// <remarks>
/// Kernel: none as one function; what the arch code relies on between calls under the PTL (arm64:
/// "misprogramming of the contiguous bit" must never be visible, arch/arm64/mm/contpte.c).
/// </remarks>
public interface IArchInvariants
{
    /// <summary>One sentence per invariant, for reports (e.g. <c>every PTE_CONT block is CONT_PTES-aligned</c>).</summary>
    IReadOnlyList<string> Descriptions { get; }

    /// <summary>
    /// Bits of a <c>ptep_get()</c> value that are the architecture's private bookkeeping: they may change
    /// (fold, unfold) without changing what core mm sees. arm64: <c>PTE_CONT</c>, which <c>ptep_get()</c>
    /// deliberately leaks so that <c>pte_leaf_size()</c> is right. Zero when there are none.
    /// </summary>
    /// <remarks>Kernel: arm64 strips PTE_CONT from every value a setter is given (pte_mknoncont()).</remarks>
    ulong PrivateViewBits { get; }

    /// <summary>
    /// Checks the raw entries <c>[start, start + count)</c> of <paramref name="table"/> (and, for an entry
    /// that belongs to a larger block, that whole block) without counting or observing the reads.
    /// </summary>
    /// <param name="table">The PTE table.</param>
    /// <param name="start">The first entry index to check.</param>
    /// <param name="count">How many entries to check.</param>
    /// <returns>Null when every invariant holds; otherwise one sentence naming the invariant and the entry.</returns>
    string? Check(PteTable table, int start, int count);
}
