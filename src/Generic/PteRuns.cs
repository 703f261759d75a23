namespace ArchPgtable.Generic;

/// <summary>Loops over a run of consecutive entries of one table, shared by the generic defaults and the arches' raw tiers.</summary>
/// <remarks>Kernel: the loop of set_ptes() (include/linux/pgtable.h) and of each arch's __set_ptes()</remarks>
public static class PteRuns
{
    /// <summary>
    /// Writes <paramref name="pte"/> into <paramref name="nr"/> ≥ 1 consecutive entries from <paramref name="ptep"/>,
    /// stepping the value with <paramref name="next"/> (the arch's pte_advance_pfn(pte, 1)) between writes: one
    /// <see cref="PteTable.WriteRun{T}"/>, so the hooks are tested once per run, not per entry. A struct step: the JIT
    /// specialises the loop and inlines it.
    /// </summary>
    /// <typeparam name="TNext">The step.</typeparam>
    /// <param name="ptep">The first entry.</param>
    /// <param name="pte">The first value.</param>
    /// <param name="nr">How many entries; the run must stay inside the table (checked before anything is written).</param>
    /// <param name="next">The step from one value to the next.</param>
    /// <remarks>Kernel: for (;;) { set_pte(ptep, pte); if (--nr == 0) break; ptep++; pte = pte_advance_pfn(pte, 1); }</remarks>
    public static void SetPtes<TNext>(PtePointer ptep, Pte pte, int nr, TNext next)
        where TNext : struct, IPteTransform =>
        ptep.Table.WriteRun(ptep.Index, nr, pte, next);

    /// <summary>pte_advance_pfn(pte, 1) through any <see cref="IPteFormat"/> (an interface call per entry).</summary>
    /// <param name="format">The encoding.</param>
    /// <remarks>Kernel: pte_advance_pfn()</remarks>
    public readonly struct NextPfn(IPteFormat format) : IPteTransform
    {
        /// <inheritdoc/>
        public Pte Apply(Pte pte) => format.AdvancePfn(pte, 1);
    }
}
