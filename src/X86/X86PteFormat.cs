using System.Runtime.CompilerServices;
using static ArchPgtable.X86.X86PteBits;

namespace ArchPgtable.X86;

/// <summary>
/// The x86-64 PTE encoding for core mm: the static <see cref="X86Pte"/> bit logic with the
/// PFN field at bits 51:12 and the SavedDirty rule of the build. Use <see cref="For"/> to get
/// the shared instance.
/// </summary>
/// <remarks>Kernel: arch/x86/include/asm/pgtable.h (pte_pfn(), pfn_pte(), pte_pgprot(), pte_*()).</remarks>
public sealed class X86PteFormat : IPteFormat
{
    private static readonly X86PteFormat WithSavedDirty = new(true);
    private static readonly X86PteFormat WithoutSavedDirty = new(false);

    private X86PteFormat(bool savedDirty) => SavedDirty = savedDirty;

    /// <summary>True when write-protecting a dirty entry moves Dirty into SavedDirty (bit 58).</summary>
    /// <remarks>Kernel: mksaveddirty_shift() / clear_saveddirty_shift() (v6.6+); see <see cref="X86Kconfig.UserShadowStack"/>.</remarks>
    public bool SavedDirty { get; }

    /// <summary>The shared format with or without SavedDirty.</summary>
    /// <remarks>Kernel: none (one encoding per built kernel).</remarks>
    public static X86PteFormat For(bool savedDirty) => savedDirty ? WithSavedDirty : WithoutSavedDirty;

    /// <inheritdoc/>
    /// <remarks>Kernel: pte_present()</remarks>
    public bool Present(Pte pte) => X86Pte.Present(pte);

    /// <inheritdoc/>
    /// <remarks>Kernel: pte_young()</remarks>
    public bool Young(Pte pte) => X86Pte.Young(pte);

    /// <inheritdoc/>
    /// <remarks>Kernel: pte_dirty()</remarks>
    public bool Dirty(Pte pte) => X86Pte.Dirty(pte);

    /// <inheritdoc/>
    /// <remarks>Kernel: pte_write()</remarks>
    public bool Write(Pte pte) => X86Pte.Write(pte);

    /// <inheritdoc/>
    /// <remarks>Kernel: pte_pfn() (the L1TF PFN inversion of PROT_NONE entries is not modelled)</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong Pfn(Pte pte) => (pte.Value & PTE_PFN_MASK) >> PAGE_SHIFT;

    /// <inheritdoc/>
    /// <remarks>Kernel: pte_pgprot()</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public PteProt Pgprot(Pte pte) => new(pte.Value & ~PTE_PFN_MASK);

    /// <inheritdoc/>
    /// <remarks>Kernel: pfn_pte()</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Pte PfnPte(ulong pfn, PteProt prot) => new(((pfn << PAGE_SHIFT) & PTE_PFN_MASK) | (prot.Value & ~PTE_PFN_MASK));

    /// <inheritdoc/>
    /// <remarks>Kernel: pte_advance_pfn() (generic: pte_val + (nr &lt;&lt; PFN_PTE_SHIFT))</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Pte AdvancePfn(Pte pte, int nr) => new(pte.Value + ((ulong)(long)nr << PAGE_SHIFT));

    /// <inheritdoc/>
    /// <remarks>Kernel: pte_mkold()</remarks>
    public Pte MkOld(Pte pte) => X86Pte.MkOld(pte);

    /// <inheritdoc/>
    /// <remarks>Kernel: pte_mkyoung()</remarks>
    public Pte MkYoung(Pte pte) => X86Pte.MkYoung(pte);

    /// <inheritdoc/>
    /// <remarks>Kernel: pte_mkclean()</remarks>
    public Pte MkClean(Pte pte) => X86Pte.MkClean(pte);

    /// <inheritdoc/>
    /// <remarks>Kernel: pte_mkdirty()</remarks>
    public Pte MkDirty(Pte pte) => X86Pte.MkDirty(pte, SavedDirty);

    /// <inheritdoc/>
    /// <remarks>Kernel: pte_wrprotect()</remarks>
    public Pte WrProtect(Pte pte) => X86Pte.WrProtect(pte, SavedDirty);

    /// <inheritdoc/>
    /// <remarks>Kernel: pte_mkwrite() (non-shadow-stack VMA)</remarks>
    public Pte MkWrite(Pte pte) => X86Pte.MkWrite(pte, SavedDirty);

    /// <inheritdoc/>
    /// <remarks>Kernel: vm_get_page_prot()</remarks>
    public PteProt ProtFor(VmFlags flags) => X86PageProt.VmGetPageProt(flags);

    /// <inheritdoc/>
    /// <remarks>Kernel: CONFIG_HAVE_ARCH_SOFT_DIRTY (x86-64 selects it; CONFIG_MEM_SOFT_DIRTY assumed y)</remarks>
    public bool HasSoftDirty => true;

    /// <inheritdoc/>
    /// <remarks>Kernel: pte_soft_dirty() (_PAGE_SOFT_DIRTY, bit 11)</remarks>
    public bool SoftDirty(Pte pte) => X86Pte.SoftDirty(pte);

    /// <inheritdoc/>
    /// <remarks>Kernel: pte_mksoft_dirty()</remarks>
    public Pte MkSoftDirty(Pte pte) => new(pte.Value | _PAGE_SOFT_DIRTY);

    /// <inheritdoc/>
    /// <remarks>Kernel: pte_clear_soft_dirty()</remarks>
    public Pte ClearSoftDirty(Pte pte) => new(pte.Value & ~_PAGE_SOFT_DIRTY);

    /// <inheritdoc/>
    /// <remarks>Kernel: none (ptdump-like decoding)</remarks>
    public string Describe(Pte pte) => X86PteDescriber.Describe(pte);
}
