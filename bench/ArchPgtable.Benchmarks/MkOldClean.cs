using ArchPgtable.Arm64;

namespace ArchPgtable.Benchmarks;

/// <summary>arm64 pte_mkclean(pte_mkold(pte)): the C floor's bit operations, as a PteTable transform.</summary>
/// <remarks>Kernel: pte_mkclean(pte_mkold(pte)) in arm64's __clear_young_dirty_ptes()</remarks>
internal readonly struct MkOldClean : IPteTransform
{
    /// <inheritdoc/>
    public Pte Apply(Pte pte) => Arm64Pte.MkClean(Arm64Pte.MkOld(pte));
}
