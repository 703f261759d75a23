using System.Globalization;

namespace ArchPgtable;

/// <summary>The protection and attribute bits of a PTE: every bit except the PFN field.</summary>
/// <remarks>Kernel: pgprot_t (pte_pgprot(), pgprot_val()).</remarks>
public readonly record struct PteProt(ulong Value)
{
    /// <summary>Returns the raw value in hexadecimal.</summary>
    public override string ToString() => "0x" + Value.ToString("x16", CultureInfo.InvariantCulture);
}
