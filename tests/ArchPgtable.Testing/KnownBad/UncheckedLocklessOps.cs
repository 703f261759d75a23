using ArchPgtable.Arm64;

namespace ArchPgtable.Testing.KnownBad;

/// <summary>
/// A <c>ptep_get_lockless</c> that gathers a contiguous block's young/dirty without the consistency check of
/// contpte_ptep_get_lockless(): it never restarts when an entry it reads is no longer part of the same block (a
/// writer holding the PTL is unfolding or clearing it), so it can report a contiguous block that is not one, or drop
/// a young/dirty bit both neighbouring states report.
/// </summary>
public sealed class UncheckedLocklessOps(Arm64Granule granule) : Arm64ContPteOps(granule)
{
    private readonly int _contPtes = granule.ContPtes();

    /// <inheritdoc/>
    protected override Pte PtepGetLocklessCore(PtePointer ptep)
    {
        var orig = ptep.Read();
        if (!Arm64Pte.ValidCont(orig))
        {
            return orig;
        }

        var first = ptep.AlignDown(_contPtes);
        for (var i = 0; i < _contPtes; i++)
        {
            var pte = (first + i).Read();
            if (Arm64Pte.Dirty(pte))
            {
                orig = Arm64Pte.MkDirty(orig);
            }

            if (Arm64Pte.Young(pte))
            {
                orig = Arm64Pte.MkYoung(orig);
            }
        }

        return orig;
    }
}
