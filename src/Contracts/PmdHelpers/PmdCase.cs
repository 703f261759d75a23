using System.Globalization;

namespace ArchPgtable.Contracts.PmdHelpers;

/// <summary>A generated case for the PMD helpers: the PMD slot, a PFN seed (times the pages of a PMD: an aligned PFN) and the leaf's young, dirty and write bits.</summary>
/// <param name="Index">The PMD slot (the address is this times the PMD size).</param>
/// <param name="PfnSeed">The PFN in PMD-sized units (≥ 1).</param>
/// <param name="Young">Accessed.</param>
/// <param name="Dirty">Dirty.</param>
/// <param name="Write">Writable (otherwise write-protected, as vm_get_page_prot() of a private mapping).</param>
internal sealed record PmdCase(int Index, ulong PfnSeed, bool Young, bool Dirty, bool Write)
{
    /// <summary>The case in words.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"slot {Index}, pfn {PfnSeed} PMDs, {(Young ? "young" : "old")}, {(Dirty ? "dirty" : "clean")}, {(Write ? "writable" : "read-only")}");
}
