using System.Globalization;
using System.Text;

namespace ArchPgtable.Generic;

/// <summary>
/// The neutral PTE encoding of the <c>generic</c> reference architecture: independent present,
/// write, young, dirty, user and exec bits and a PFN field at bit 12. No bit means two things.
/// </summary>
/// <remarks>Kernel: none; a neutral format in the spirit of x86's independent A/D/RW bits.</remarks>
public sealed class GenericPteFormat : IPteFormat
{
    /// <summary>Bit 0: the entry maps a page.</summary>
    public const ulong PresentBit = 1UL << 0;

    /// <summary>Bit 1: writable.</summary>
    public const ulong WriteBit = 1UL << 1;

    /// <summary>Bit 2: accessed (young).</summary>
    public const ulong YoungBit = 1UL << 2;

    /// <summary>Bit 3: dirty.</summary>
    public const ulong DirtyBit = 1UL << 3;

    /// <summary>Bit 4: user accessible.</summary>
    public const ulong UserBit = 1UL << 4;

    /// <summary>Bit 5: executable.</summary>
    public const ulong ExecBit = 1UL << 5;

    /// <summary>The PFN's shift in the entry.</summary>
    public const int PfnShift = 12;

    /// <summary>The PFN field: bits 51:12.</summary>
    public const ulong PfnMask = ((1UL << 40) - 1) << PfnShift;

    /// <summary>The one shared instance.</summary>
    public static GenericPteFormat Instance { get; } = new();

    /// <inheritdoc/>
    public bool Present(Pte pte) => (pte.Value & PresentBit) != 0;

    /// <inheritdoc/>
    public bool Young(Pte pte) => (pte.Value & YoungBit) != 0;

    /// <inheritdoc/>
    public bool Dirty(Pte pte) => (pte.Value & DirtyBit) != 0;

    /// <inheritdoc/>
    public bool Write(Pte pte) => (pte.Value & WriteBit) != 0;

    /// <inheritdoc/>
    public ulong Pfn(Pte pte) => (pte.Value & PfnMask) >> PfnShift;

    /// <inheritdoc/>
    public PteProt Pgprot(Pte pte) => new(pte.Value & ~PfnMask);

    /// <inheritdoc/>
    public Pte PfnPte(ulong pfn, PteProt prot) => new(((pfn << PfnShift) & PfnMask) | (prot.Value & ~PfnMask));

    /// <inheritdoc/>
    public Pte AdvancePfn(Pte pte, int nr) => new(pte.Value + ((ulong)(long)nr << PfnShift));

    /// <inheritdoc/>
    public Pte MkOld(Pte pte) => new(pte.Value & ~YoungBit);

    /// <inheritdoc/>
    public Pte MkYoung(Pte pte) => new(pte.Value | YoungBit);

    /// <inheritdoc/>
    public Pte MkClean(Pte pte) => new(pte.Value & ~DirtyBit);

    /// <inheritdoc/>
    public Pte MkDirty(Pte pte) => new(pte.Value | DirtyBit);

    /// <inheritdoc/>
    public Pte WrProtect(Pte pte) => new(pte.Value & ~WriteBit);

    /// <inheritdoc/>
    public Pte MkWrite(Pte pte) => new(pte.Value | WriteBit);

    /// <inheritdoc/>
    public PteProt ProtFor(VmFlags flags)
    {
        if ((flags & (VmFlags.Read | VmFlags.Write | VmFlags.Exec)) == 0)
        {
            return new PteProt(0);
        }

        var prot = PresentBit | UserBit;
        if ((flags & VmFlags.Write) != 0 && (flags & VmFlags.Shared) != 0)
        {
            prot |= WriteBit;
        }

        if ((flags & VmFlags.Exec) != 0)
        {
            prot |= ExecBit;
        }

        return new PteProt(prot);
    }

    /// <inheritdoc/>
    public string Describe(Pte pte)
    {
        if (pte.IsNone)
        {
            return "none";
        }

        var sb = new StringBuilder();
        Append(sb, pte, PresentBit, "PRESENT");
        Append(sb, pte, WriteBit, "WRITE");
        Append(sb, pte, YoungBit, "YOUNG");
        Append(sb, pte, DirtyBit, "DIRTY");
        Append(sb, pte, UserBit, "USER");
        Append(sb, pte, ExecBit, "EXEC");
        var other = pte.Value & ~(PresentBit | WriteBit | YoungBit | DirtyBit | UserBit | ExecBit | PfnMask);
        if (other != 0)
        {
            sb.Append(sb.Length > 0 ? "|" : "").Append(CultureInfo.InvariantCulture, $"0x{other:x}");
        }

        return sb.Append(sb.Length > 0 ? " " : "").Append(CultureInfo.InvariantCulture, $"pfn=0x{Pfn(pte):x}").ToString();
    }

    private static void Append(StringBuilder sb, Pte pte, ulong bit, string name)
    {
        if ((pte.Value & bit) != 0)
        {
            sb.Append(sb.Length > 0 ? "|" : "").Append(name);
        }
    }
}
