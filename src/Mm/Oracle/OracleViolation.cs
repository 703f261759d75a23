using System.Globalization;

namespace ArchPgtable.Mm.Oracle;

/// <summary>A permission or isolation violation, recorded like a <see cref="DataLoss"/> with the operations that covered the address.</summary>
/// <param name="Kind">Permission or isolation.</param>
/// <param name="MmId">The address space that stored, read or mapped.</param>
/// <param name="Address">The virtual address.</param>
/// <param name="Pfn">The page.</param>
/// <param name="Detail">What happened, in one sentence.</param>
/// <param name="History">The recent operations that covered the address, oldest first.</param>
public sealed record OracleViolation(ViolationKind Kind, int MmId, ulong Address, ulong Pfn, string Detail, IReadOnlyList<string> History)
{
    /// <summary>One readable paragraph.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{(Kind == ViolationKind.Permission ? "permission" : "isolation")} violation: mm {MmId} at 0x{Address:x} (pfn 0x{Pfn:x}): {Detail}; history: {string.Join("; ", History)}");
}
