using System.Globalization;
using System.Text;
using static ArchPgtable.X86.X86PteBits;

namespace ArchPgtable.X86;

/// <summary>
/// Decodes an x86-64 PTE into its named bits, lowest first, then the PFN, e.g.
/// <c>PRESENT|RW|USER|ACCESSED|DIRTY|NX pfn=0x12345</c>. Bit 8 prints as <c>PROTNONE</c>
/// when PRESENT is clear; bits without a name print as one hex value.
/// </summary>
/// <remarks>Kernel: none (in the spirit of arch/x86/mm/dump_pagetables.c).</remarks>
public static class X86PteDescriber
{
    private static readonly (ulong Bit, string Name)[] Names =
    [
        (_PAGE_PRESENT, "PRESENT"), (_PAGE_RW, "RW"), (_PAGE_USER, "USER"), (_PAGE_PWT, "PWT"), (_PAGE_PCD, "PCD"),
        (_PAGE_ACCESSED, "ACCESSED"), (_PAGE_DIRTY, "DIRTY"), (_PAGE_PAT, "PAT"), (_PAGE_GLOBAL, "GLOBAL"),
        (_PAGE_SPECIAL, "SPECIAL"), (_PAGE_UFFD_WP, "UFFD_WP"), (_PAGE_SOFT_DIRTY, "SOFT_DIRTY"),
        (_PAGE_SAVED_DIRTY, "SAVED_DIRTY"), (_PAGE_NX, "NX"),
    ];

    /// <summary>Decodes <paramref name="pte"/>; <c>none</c> for the zero entry.</summary>
    /// <remarks>Kernel: none (ptdump-like).</remarks>
    public static string Describe(Pte pte)
    {
        if (pte.IsNone)
        {
            return "none";
        }

        var v = pte.Value;
        var sb = new StringBuilder(96);
        var named = 0UL;
        foreach (var (bit, name) in Names)
        {
            named |= bit;
            if ((v & bit) != 0)
            {
                Sep(sb).Append(bit == _PAGE_GLOBAL && (v & _PAGE_PRESENT) == 0 ? "PROTNONE" : name);
            }
        }

        var other = v & ~(named | PTE_PFN_MASK);
        if (other != 0)
        {
            Sep(sb).Append(CultureInfo.InvariantCulture, $"0x{other:x}");
        }

        return sb.Append(CultureInfo.InvariantCulture, $" pfn=0x{(v & PTE_PFN_MASK) >> PAGE_SHIFT:x}").ToString();
    }

    private static StringBuilder Sep(StringBuilder sb) => sb.Length > 0 ? sb.Append('|') : sb;
}
