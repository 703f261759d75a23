namespace ArchPgtable.Generic.Contiguous;

/// <summary>
/// The pte_*() accessors the contiguous-block layer calls per entry, as instance members of a struct so that
/// they inline (<see cref="IPteFormat"/> is an interface on a class: a virtual call each).
/// </summary>
/// <remarks>Kernel: the pte_*() inlines of arch/*/include/asm/pgtable.h</remarks>
public interface IPteBits
{
    /// <summary>Kernel: pte_valid()</summary>
    /// <param name="pte">The entry.</param>
    /// <returns>True when the hardware walker uses the entry.</returns>
    bool Valid(Pte pte);

    /// <summary>Kernel: pte_special()</summary>
    /// <param name="pte">The entry.</param>
    /// <returns>True for a special mapping (no struct page).</returns>
    bool Special(Pte pte);

    /// <summary>Kernel: pte_young()</summary>
    /// <param name="pte">The entry.</param>
    /// <returns>True when accessed.</returns>
    bool Young(Pte pte);

    /// <summary>Kernel: pte_dirty()</summary>
    /// <param name="pte">The entry.</param>
    /// <returns>True when dirty.</returns>
    bool Dirty(Pte pte);

    /// <summary>Kernel: pte_write()</summary>
    /// <param name="pte">The entry.</param>
    /// <returns>True when writable.</returns>
    bool Write(Pte pte);

    /// <summary>Kernel: pte_mkyoung()</summary>
    /// <param name="pte">The entry.</param>
    /// <returns>The entry, young.</returns>
    Pte MkYoung(Pte pte);

    /// <summary>Kernel: pte_mkdirty()</summary>
    /// <param name="pte">The entry.</param>
    /// <returns>The entry, dirty.</returns>
    Pte MkDirty(Pte pte);

    /// <summary>Kernel: pte_mkold()</summary>
    /// <param name="pte">The entry.</param>
    /// <returns>The entry, old.</returns>
    Pte MkOld(Pte pte);

    /// <summary>Kernel: pte_mkclean()</summary>
    /// <param name="pte">The entry.</param>
    /// <returns>The entry, clean.</returns>
    Pte MkClean(Pte pte);

    /// <summary>Kernel: pte_pfn()</summary>
    /// <param name="pte">The entry.</param>
    /// <returns>The page frame it maps.</returns>
    ulong Pfn(Pte pte);

    /// <summary>Kernel: pte_pgprot()</summary>
    /// <param name="pte">The entry.</param>
    /// <returns>Everything but the PFN.</returns>
    PteProt Pgprot(Pte pte);

    /// <summary>Kernel: pfn_pte()</summary>
    /// <param name="pfn">The page frame.</param>
    /// <param name="prot">The attributes.</param>
    /// <returns>The entry.</returns>
    Pte PfnPte(ulong pfn, PteProt prot);

    /// <summary>Kernel: pte_advance_pfn()</summary>
    /// <param name="pte">The entry.</param>
    /// <param name="nr">Pages to advance by.</param>
    /// <returns>The entry mapping the page <paramref name="nr"/> further.</returns>
    Pte AdvancePfn(Pte pte, int nr);
}
