using System.Globalization;
using System.Text;
using static ArchPgtable.Arm64.Arm64PteBits;

namespace ArchPgtable.Arm64;

/// <summary>
/// Decodes an arm64 descriptor into its named bits, lowest bit first, then the PFN, e.g.
/// <c>VALID|PAGE|USER|RDONLY|SH|AF|NG|DBM|CONT|PXN|UXN pfn=0x12345</c>. Bit 11 prints as
/// <c>PRESENT_INVALID</c> when VALID is clear; bits without a name print as one hex value.
/// </summary>
/// <remarks>Kernel: none (in the spirit of arch/arm64/mm/ptdump.c).</remarks>
public static class Arm64PteDescriber
{
    private const ulong Named = PTE_TYPE_MASK | PTE_ATTRINDX_MASK | PTE_USER | PTE_RDONLY | PTE_SHARED | PTE_AF | PTE_NG
        | PTE_GP | PTE_DBM | PTE_CONT | PTE_PXN | PTE_UXN | PTE_DIRTY | PTE_SPECIAL;

    /// <summary>Decodes <paramref name="pte"/> for a granule with the given PAGE_SHIFT; <c>none</c> for the zero entry.</summary>
    /// <remarks>Kernel: none (ptdump-like).</remarks>
    public static string Describe(Pte pte, int pageShift)
    {
        if (pte.IsNone)
        {
            return "none";
        }

        var v = pte.Value;
        var pfnMask = PteAddrMask(pageShift);
        var sb = new StringBuilder(96);
        Add(sb, v, PTE_VALID, "VALID");
        Add(sb, v, PTE_TABLE_BIT, "PAGE");
        var attr = (v & PTE_ATTRINDX_MASK) >> 2;
        if (attr != 0)
        {
            Sep(sb).Append(CultureInfo.InvariantCulture, $"ATTR={attr}");
        }

        Add(sb, v, PTE_USER, "USER");
        Add(sb, v, PTE_RDONLY, "RDONLY");
        var sh = (v & PTE_SHARED) >> 8;
        if (sh != 0)
        {
            Sep(sb).Append(sh == 3 ? "SH" : string.Create(CultureInfo.InvariantCulture, $"SH={sh}"));
        }

        Add(sb, v, PTE_AF, "AF");
        Add(sb, v, PTE_NG, (v & PTE_VALID) != 0 ? "NG" : "PRESENT_INVALID");
        Add(sb, v, PTE_GP, "GP");
        Add(sb, v, PTE_DBM, "DBM");
        Add(sb, v, PTE_CONT, "CONT");
        Add(sb, v, PTE_PXN, "PXN");
        Add(sb, v, PTE_UXN, "UXN");
        Add(sb, v, PTE_DIRTY, "DIRTY");
        Add(sb, v, PTE_SPECIAL, "SPECIAL");
        var other = v & ~(Named | pfnMask);
        if (other != 0)
        {
            Sep(sb).Append(CultureInfo.InvariantCulture, $"0x{other:x}");
        }

        return sb.Append(CultureInfo.InvariantCulture, $" pfn=0x{(v & pfnMask) >> pageShift:x}").ToString();
    }

    private static void Add(StringBuilder sb, ulong v, ulong bit, string name)
    {
        if ((v & bit) != 0)
        {
            Sep(sb).Append(name);
        }
    }

    private static StringBuilder Sep(StringBuilder sb) => sb.Length > 0 ? sb.Append('|') : sb;
}
