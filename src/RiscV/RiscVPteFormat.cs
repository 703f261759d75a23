using System.Runtime.CompilerServices;
using static ArchPgtable.RiscV.RiscVPteBits;

namespace ArchPgtable.RiscV;

/// <summary>
/// The RV64 PTE encoding for core mm: the static <see cref="RiscVPte"/> bit logic with the PPN
/// at bits 53:10. <see cref="Pfn"/> is upstream's pte_pfn(), which gives a raw NAPOT entry's
/// range base; the values core mm gets from ptep_get() are never NAPOT-encoded (see
/// <see cref="RiscVNapotOps"/>), so for them it is the plain PPN.
/// </summary>
/// <remarks>Kernel: arch/riscv/include/asm/pgtable.h (pte_pfn(), pfn_pte(), pte_pgprot(), pte_*()).</remarks>
public sealed class RiscVPteFormat : IPteFormat
{
    private RiscVPteFormat()
    {
    }

    /// <summary>The one shared instance.</summary>
    /// <remarks>Kernel: none (one encoding per built kernel).</remarks>
    public static RiscVPteFormat Instance { get; } = new();

    /// <inheritdoc/>
    /// <remarks>Kernel: pte_present()</remarks>
    public bool Present(Pte pte) => RiscVPte.Present(pte);

    /// <inheritdoc/>
    /// <remarks>Kernel: pte_young()</remarks>
    public bool Young(Pte pte) => RiscVPte.Young(pte);

    /// <inheritdoc/>
    /// <remarks>Kernel: pte_dirty()</remarks>
    public bool Dirty(Pte pte) => RiscVPte.Dirty(pte);

    /// <inheritdoc/>
    /// <remarks>Kernel: pte_write()</remarks>
    public bool Write(Pte pte) => RiscVPte.Write(pte);

    /// <inheritdoc/>
    /// <remarks>Kernel: pte_pfn()</remarks>
    public ulong Pfn(Pte pte) => RiscVPte.Pfn(pte);

    /// <inheritdoc/>
    /// <remarks>Kernel: pte_pgprot() (pte_val &amp; ~_PAGE_PFN_MASK)</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public PteProt Pgprot(Pte pte) => new(pte.Value & ~_PAGE_PFN_MASK);

    /// <inheritdoc/>
    /// <remarks>Kernel: pfn_pte()</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Pte PfnPte(ulong pfn, PteProt prot) => new(((pfn << _PAGE_PFN_SHIFT) & _PAGE_PFN_MASK) | (prot.Value & ~_PAGE_PFN_MASK));

    /// <inheritdoc/>
    /// <remarks>Kernel: pte_advance_pfn() (generic: pte_val + (nr &lt;&lt; PFN_PTE_SHIFT), PFN_PTE_SHIFT = _PAGE_PFN_SHIFT)</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Pte AdvancePfn(Pte pte, int nr) => new(pte.Value + ((ulong)(long)nr << _PAGE_PFN_SHIFT));

    /// <inheritdoc/>
    /// <remarks>Kernel: pte_mkold()</remarks>
    public Pte MkOld(Pte pte) => RiscVPte.MkOld(pte);

    /// <inheritdoc/>
    /// <remarks>Kernel: pte_mkyoung()</remarks>
    public Pte MkYoung(Pte pte) => RiscVPte.MkYoung(pte);

    /// <inheritdoc/>
    /// <remarks>Kernel: pte_mkclean()</remarks>
    public Pte MkClean(Pte pte) => RiscVPte.MkClean(pte);

    /// <inheritdoc/>
    /// <remarks>Kernel: pte_mkdirty()</remarks>
    public Pte MkDirty(Pte pte) => RiscVPte.MkDirty(pte);

    /// <inheritdoc/>
    /// <remarks>Kernel: pte_wrprotect()</remarks>
    public Pte WrProtect(Pte pte) => RiscVPte.WrProtect(pte);

    /// <inheritdoc/>
    /// <remarks>Kernel: pte_mkwrite_novma()</remarks>
    public Pte MkWrite(Pte pte) => RiscVPte.MkWrite(pte);

    /// <inheritdoc/>
    /// <remarks>Kernel: vm_get_page_prot()</remarks>
    public PteProt ProtFor(VmFlags flags) => RiscVPageProt.VmGetPageProt(flags);

    /// <inheritdoc/>
    /// <remarks>Kernel: none (ptdump-like decoding)</remarks>
    public string Describe(Pte pte) => RiscVPteDescriber.Describe(pte);
}
