using System.Globalization;
using System.Text;
using static ArchPgtable.RiscV.RiscVPteBits;

namespace ArchPgtable.RiscV;

/// <summary>
/// Decodes an RV64 PTE into its named bits, lowest first, then the PFN, e.g.
/// <c>V|R|W|U|A|D pfn=0x12345</c>. Bit 5 prints as <c>PROT_NONE</c> when V is clear; a NAPOT
/// entry prints <c>N</c> and its range, e.g. <c>V|R|W|U|A|D|N pfn=0x12340+16</c>.
/// </summary>
/// <remarks>Kernel: none (in the spirit of arch/riscv/mm/ptdump.c).</remarks>
public static class RiscVPteDescriber
{
    private static readonly (ulong Bit, string Name)[] Names =
    [
        (_PAGE_PRESENT, "V"), (_PAGE_READ, "R"), (_PAGE_WRITE, "W"), (_PAGE_EXEC, "X"), (_PAGE_USER, "U"),
        (_PAGE_GLOBAL, "G"), (_PAGE_ACCESSED, "A"), (_PAGE_DIRTY, "D"), (_PAGE_SPECIAL, "SPECIAL"), (1UL << 9, "RSW9"),
        (_PAGE_NOCACHE, "NC"), (_PAGE_IO, "IO"), (_PAGE_NAPOT, "N"),
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
        var sb = new StringBuilder(64);
        var named = 0UL;
        foreach (var (bit, name) in Names)
        {
            named |= bit;
            if ((v & bit) != 0)
            {
                Sep(sb).Append(bit == _PAGE_GLOBAL && (v & _PAGE_PRESENT) == 0 ? "PROT_NONE" : name);
            }
        }

        var other = v & ~(named | _PAGE_PFN_MASK);
        if (other != 0)
        {
            Sep(sb).Append(CultureInfo.InvariantCulture, $"0x{other:x}");
        }

        sb.Append(CultureInfo.InvariantCulture, $" pfn=0x{RiscVPte.Pfn(pte):x}");
        if (RiscVPte.Napot(pte))
        {
            sb.Append(CultureInfo.InvariantCulture, $"+{NapotPtes}");
        }

        return sb.ToString();
    }

    private static StringBuilder Sep(StringBuilder sb) => sb.Length > 0 ? sb.Append('|') : sb;
}
