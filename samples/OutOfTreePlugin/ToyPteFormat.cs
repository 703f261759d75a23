using System.Globalization;
using ArchPgtable;
using static ToyArch.ToyPteBits;

namespace ToyArch;

/// <summary>The toy PTE encoding: every predicate and modifier core mm needs (IPteFormat has no defaults for them).</summary>
/// <remarks>Kernel: the pte_*() accessors of arch/&lt;arch&gt;/include/asm/pgtable.h.</remarks>
public sealed class ToyPteFormat : IPteFormat
{
    /// <summary>The one shared instance.</summary>
    /// <remarks>Kernel: none (one encoding per built kernel).</remarks>
    public static ToyPteFormat Instance { get; } = new();

    /// <inheritdoc/>
    /// <remarks>Kernel: pte_present()</remarks>
    public bool Present(Pte pte) => (pte.Value & Valid) != 0;

    /// <inheritdoc/>
    /// <remarks>Kernel: pte_young()</remarks>
    public bool Young(Pte pte) => (pte.Value & ToyPteBits.Young) != 0;

    /// <inheritdoc/>
    /// <remarks>Kernel: pte_dirty()</remarks>
    public bool Dirty(Pte pte) => (pte.Value & ToyPteBits.Dirty) != 0;

    /// <inheritdoc/>
    /// <remarks>Kernel: pte_write()</remarks>
    public bool Write(Pte pte) => (pte.Value & ToyPteBits.Write) != 0;

    /// <inheritdoc/>
    /// <remarks>Kernel: pte_pfn()</remarks>
    public ulong Pfn(Pte pte) => (pte.Value & PfnMask) >> PfnShift;

    /// <inheritdoc/>
    /// <remarks>Kernel: pte_pgprot()</remarks>
    public PteProt Pgprot(Pte pte) => new(pte.Value & ~PfnMask);

    /// <inheritdoc/>
    /// <remarks>Kernel: pfn_pte()</remarks>
    public Pte PfnPte(ulong pfn, PteProt prot) => new(((pfn << PfnShift) & PfnMask) | (prot.Value & ~PfnMask));

    /// <inheritdoc/>
    /// <remarks>Kernel: pte_advance_pfn()</remarks>
    public Pte AdvancePfn(Pte pte, int nr) => new(pte.Value + ((ulong)(long)nr << PfnShift));

    /// <inheritdoc/>
    /// <remarks>Kernel: pte_mkold()</remarks>
    public Pte MkOld(Pte pte) => new(pte.Value & ~ToyPteBits.Young);

    /// <inheritdoc/>
    /// <remarks>Kernel: pte_mkyoung()</remarks>
    public Pte MkYoung(Pte pte) => new(pte.Value | ToyPteBits.Young);

    /// <inheritdoc/>
    /// <remarks>Kernel: pte_mkclean()</remarks>
    public Pte MkClean(Pte pte) => new(pte.Value & ~ToyPteBits.Dirty);

    /// <inheritdoc/>
    /// <remarks>Kernel: pte_mkdirty()</remarks>
    public Pte MkDirty(Pte pte) => new(pte.Value | ToyPteBits.Dirty);

    /// <inheritdoc/>
    /// <remarks>Kernel: pte_wrprotect()</remarks>
    public Pte WrProtect(Pte pte) => new(pte.Value & ~ToyPteBits.Write);

    /// <inheritdoc/>
    /// <remarks>Kernel: pte_mkwrite_novma()</remarks>
    public Pte MkWrite(Pte pte) => new(pte.Value | ToyPteBits.Write);

    /// <summary>Young user pages; private writable mappings start read-only (copy on write); no-exec unless executable; PROT_NONE is 0.</summary>
    /// <remarks>Kernel: vm_get_page_prot()</remarks>
    public PteProt ProtFor(VmFlags flags)
    {
        if ((flags & (VmFlags.Read | VmFlags.Write | VmFlags.Exec)) == 0)
        {
            return new PteProt(0);
        }

        var prot = Valid | User | ToyPteBits.Young;
        prot |= (flags & (VmFlags.Write | VmFlags.Shared)) == (VmFlags.Write | VmFlags.Shared) ? ToyPteBits.Write : 0;
        prot |= (flags & VmFlags.Exec) == 0 ? NoExec : 0;
        return new PteProt(prot);
    }

    /// <inheritdoc/>
    /// <remarks>Kernel: none (ptdump-like)</remarks>
    public string Describe(Pte pte)
    {
        if (pte.IsNone)
        {
            return "none";
        }

        string[] names = ["VALID", "USER", "WRITE", "YOUNG", "DIRTY", "NX", "CONT"];
        var set = names.Where((_, bit) => (pte.Value & (1UL << bit)) != 0);
        return string.Create(CultureInfo.InvariantCulture, $"{string.Join('|', set)} pfn=0x{Pfn(pte):x}");
    }
}
