using System.Runtime.CompilerServices;

namespace ArchPgtable.Arm64;

/// <summary>
/// The arm64 descriptor encoding for one granule. The bit logic is the static
/// <see cref="Arm64Pte"/>; this sealed class adds the granule's PFN field (bits 47:PAGE_SHIFT)
/// and implements <see cref="IPteFormat"/> for core mm. Use <see cref="For"/> to get the shared instance.
/// </summary>
/// <remarks>Kernel: arch/arm64/include/asm/pgtable.h (pte_pfn(), pfn_pte(), pte_pgprot(), pte_*()).</remarks>
public sealed class Arm64PteFormat : IPteFormat
{
    private static readonly Arm64PteFormat Format4K = new(Arm64Granule.Granule4K);
    private static readonly Arm64PteFormat Format16K = new(Arm64Granule.Granule16K);
    private static readonly Arm64PteFormat Format64K = new(Arm64Granule.Granule64K);

    private Arm64PteFormat(Arm64Granule granule)
    {
        Granule = granule;
        PageShift = granule.PageShift();
        PfnMask = Arm64PteBits.PteAddrMask(PageShift);
    }

    /// <summary>The granule whose PFN field this format uses.</summary>
    /// <remarks>Kernel: CONFIG_ARM64_{4K,16K,64K}_PAGES</remarks>
    public Arm64Granule Granule { get; }

    /// <summary>log2 of the page size; the PFN's shift in the descriptor.</summary>
    /// <remarks>Kernel: PAGE_SHIFT (PTE_ADDR_LOW starts here)</remarks>
    public int PageShift { get; }

    /// <summary>The output-address field: bits 47:PAGE_SHIFT.</summary>
    /// <remarks>Kernel: PTE_ADDR_LOW (48-bit PA)</remarks>
    public ulong PfnMask { get; }

    /// <summary>The shared format of <paramref name="granule"/>.</summary>
    /// <remarks>Kernel: none (one format per built kernel).</remarks>
    public static Arm64PteFormat For(Arm64Granule granule) => granule switch
    {
        Arm64Granule.Granule4K => Format4K,
        Arm64Granule.Granule16K => Format16K,
        Arm64Granule.Granule64K => Format64K,
        _ => throw new ArgumentOutOfRangeException(nameof(granule), granule, "Unknown arm64 granule."),
    };

    /// <inheritdoc/>
    /// <remarks>Kernel: pte_present()</remarks>
    public bool Present(Pte pte) => Arm64Pte.Present(pte);

    /// <inheritdoc/>
    /// <remarks>Kernel: pte_young()</remarks>
    public bool Young(Pte pte) => Arm64Pte.Young(pte);

    /// <inheritdoc/>
    /// <remarks>Kernel: pte_dirty() = pte_sw_dirty() || pte_hw_dirty()</remarks>
    public bool Dirty(Pte pte) => Arm64Pte.Dirty(pte);

    /// <inheritdoc/>
    /// <remarks>Kernel: pte_write()</remarks>
    public bool Write(Pte pte) => Arm64Pte.Write(pte);

    /// <inheritdoc/>
    /// <remarks>Kernel: pte_pfn()</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong Pfn(Pte pte) => (pte.Value & PfnMask) >> PageShift;

    /// <inheritdoc/>
    /// <remarks>Kernel: pte_pgprot()</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public PteProt Pgprot(Pte pte) => new(pte.Value & ~PfnMask);

    /// <inheritdoc/>
    /// <remarks>Kernel: pfn_pte()</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Pte PfnPte(ulong pfn, PteProt prot) => new(((pfn << PageShift) & PfnMask) | (prot.Value & ~PfnMask));

    /// <inheritdoc/>
    /// <remarks>
    /// Kernel: pte_advance_pfn() (arm64: pfn_pte(pte_pfn(pte) + nr, pte_pgprot(pte))). Computed as one
    /// add inside the output-address field, which is the same value: the field starts at PAGE_SHIFT,
    /// so (pfn + nr) &lt;&lt; PAGE_SHIFT masked to the field is the field plus nr &lt;&lt; PAGE_SHIFT, masked.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Pte AdvancePfn(Pte pte, int nr)
    {
        var mask = PfnMask;
        return new((((pte.Value & mask) + ((ulong)(long)nr << PageShift)) & mask) | (pte.Value & ~mask));
    }

    /// <inheritdoc/>
    /// <remarks>Kernel: pte_mkold()</remarks>
    public Pte MkOld(Pte pte) => Arm64Pte.MkOld(pte);

    /// <inheritdoc/>
    /// <remarks>Kernel: pte_mkyoung()</remarks>
    public Pte MkYoung(Pte pte) => Arm64Pte.MkYoung(pte);

    /// <inheritdoc/>
    /// <remarks>Kernel: pte_mkclean()</remarks>
    public Pte MkClean(Pte pte) => Arm64Pte.MkClean(pte);

    /// <inheritdoc/>
    /// <remarks>Kernel: pte_mkdirty()</remarks>
    public Pte MkDirty(Pte pte) => Arm64Pte.MkDirty(pte);

    /// <inheritdoc/>
    /// <remarks>Kernel: pte_wrprotect()</remarks>
    public Pte WrProtect(Pte pte) => Arm64Pte.WrProtect(pte);

    /// <inheritdoc/>
    /// <remarks>Kernel: pte_mkwrite_novma() (newer form: clears PTE_RDONLY only when software dirty)</remarks>
    public Pte MkWrite(Pte pte) => Arm64Pte.MkWrite(pte);

    /// <inheritdoc/>
    /// <remarks>Kernel: vm_get_page_prot()</remarks>
    public PteProt ProtFor(VmFlags flags) => Arm64PageProt.VmGetPageProt(flags);

    /// <inheritdoc/>
    /// <remarks>Kernel: none (ptdump-like decoding)</remarks>
    public string Describe(Pte pte) => Arm64PteDescriber.Describe(pte, PageShift);
}
