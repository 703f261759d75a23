using ArchPgtable.Arm64;

namespace ArchPgtable.Testing.KnownBad;

/// <summary>
/// Known-bad <c>test_and_clear_young_ptes</c>: a plain read-modify-write (read the entry, store it old) instead of the
/// compare-and-exchange loop, so a hardware dirty update that lands between the read and the store is lost — the data
/// of a page written just then would be dropped as clean by reclaim.
/// </summary>
public sealed class RmwYoungPtesOps(Arm64Granule granule) : Arm64ContPteOps(granule)
{
    /// <inheritdoc/>
    [KernelHelper("rmw_test_and_clear_young_ptes")]
    protected override bool TestAndClearYoungPtesCore(IMmContext vma, ulong addr, PtePointer ptep, int nr)
    {
        var young = false;
        for (var i = 0; i < nr; i++)
        {
            var p = ptep + i;
            var old = p.Read();
            young |= Arm64Pte.Young(old);
            p.Write(Arm64Pte.MkOld(old));
        }

        return young;
    }
}
