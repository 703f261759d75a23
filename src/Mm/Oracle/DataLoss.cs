using System.Globalization;

namespace ArchPgtable.Mm.Oracle;

/// <summary>A read that returned something other than the last written version (or zero where MADV_FREE allows it).</summary>
/// <param name="MmId">The address space.</param>
/// <param name="Address">The virtual address read.</param>
/// <param name="Pfn">The page the read reached.</param>
/// <param name="Folio">The folio the page belonged to.</param>
/// <param name="Expected">The last version written at that address.</param>
/// <param name="Actual">The version read.</param>
/// <param name="History">The recent operations that covered the address, oldest first.</param>
public sealed record DataLoss(int MmId, ulong Address, ulong Pfn, FolioExtent Folio, int Expected, int Actual, IReadOnlyList<string> History)
{
    /// <summary>For a loss that is not a read (a stale TLB entry left after a flush), what happened; null for a read.</summary>
    public string? Detail { get; init; }

    /// <summary>One readable paragraph.</summary>
    public override string ToString() => Detail is not null ? $"data loss: mm {MmId}: {Detail}" : string.Create(CultureInfo.InvariantCulture,
        $"data loss: mm {MmId} read 0x{Address:x} (pfn 0x{Pfn:x}, folio 0x{Folio.StartPfn:x}+{Folio.NrPages}) returned version {Actual}, expected {Expected}; history: {string.Join("; ", History)}");
}
