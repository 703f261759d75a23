namespace ArchPgtable;

/// <summary>
/// An architecture's PTE encoding: the predicates and modifiers every architecture must
/// define, with no generic default. All members are pure functions of their arguments.
/// </summary>
/// <remarks>Kernel: the per-arch pte_*() accessors in arch/*/include/asm/pgtable.h.</remarks>
public interface IPteFormat
{
    /// <summary>True when the entry maps a page (possibly PROT_NONE).</summary>
    /// <remarks>Kernel: pte_present()</remarks>
    bool Present(Pte pte);

    /// <summary>True when the entry's access flag is set.</summary>
    /// <remarks>Kernel: pte_young()</remarks>
    bool Young(Pte pte);

    /// <summary>True when the entry is dirty (software or hardware dirty state).</summary>
    /// <remarks>Kernel: pte_dirty()</remarks>
    bool Dirty(Pte pte);

    /// <summary>True when the entry is (logically) writable.</summary>
    /// <remarks>Kernel: pte_write()</remarks>
    bool Write(Pte pte);

    /// <summary>The page frame number the entry maps.</summary>
    /// <remarks>Kernel: pte_pfn()</remarks>
    ulong Pfn(Pte pte);

    /// <summary>Every bit except the PFN field.</summary>
    /// <remarks>Kernel: pte_pgprot()</remarks>
    PteProt Pgprot(Pte pte);

    /// <summary>Builds an entry mapping <paramref name="pfn"/> with <paramref name="prot"/>.</summary>
    /// <remarks>Kernel: pfn_pte()</remarks>
    Pte PfnPte(ulong pfn, PteProt prot);

    /// <summary>The same entry mapping the PFN <paramref name="nr"/> pages further on.</summary>
    /// <remarks>Kernel: pte_advance_pfn()</remarks>
    Pte AdvancePfn(Pte pte, int nr);

    /// <summary>Clears the access flag.</summary>
    /// <remarks>Kernel: pte_mkold()</remarks>
    Pte MkOld(Pte pte);

    /// <summary>Sets the access flag.</summary>
    /// <remarks>Kernel: pte_mkyoung()</remarks>
    Pte MkYoung(Pte pte);

    /// <summary>Clears the dirty state.</summary>
    /// <remarks>Kernel: pte_mkclean()</remarks>
    Pte MkClean(Pte pte);

    /// <summary>Sets the dirty state.</summary>
    /// <remarks>Kernel: pte_mkdirty()</remarks>
    Pte MkDirty(Pte pte);

    /// <summary>Removes write permission, preserving the dirty state.</summary>
    /// <remarks>Kernel: pte_wrprotect()</remarks>
    Pte WrProtect(Pte pte);

    /// <summary>Grants write permission.</summary>
    /// <remarks>Kernel: pte_mkwrite_novma()</remarks>
    Pte MkWrite(Pte pte);

    /// <summary>The protection for a user mapping with the given VMA flags, as a fresh (clean) entry would carry it.</summary>
    /// <remarks>Kernel: vm_get_page_prot()</remarks>
    PteProt ProtFor(VmFlags flags);

    /// <summary>Decodes an entry into its named bits, e.g. <c>VALID|PAGE|AF|DBM pfn=0x12345</c>.</summary>
    /// <remarks>Kernel: none (ptdump-like).</remarks>
    string Describe(Pte pte);

    /// <summary>A non-present entry recording swap slot <paramref name="offset"/> (at least 1).</summary>
    /// <remarks>Kernel: swp_entry_to_pte(swp_entry(0, offset)). The default puts the offset at bit 12 with every
    /// low bit clear, which is not present on arm64, x86-64 and RISC-V alike; override for another layout.</remarks>
    Pte MkSwapEntry(ulong offset)
    {
        if (offset == 0 || offset >= 1UL << 50)
        {
            throw new ArgumentOutOfRangeException(nameof(offset), offset, "swap offset must be 1..2^50-1.");
        }

        return new Pte(offset << 12);
    }

    /// <summary>True when the entry is a swap entry (not none, not present).</summary>
    /// <remarks>Kernel: is_swap_pte()</remarks>
    bool IsSwapEntry(Pte pte) => !pte.IsNone && !Present(pte);

    /// <summary>The swap slot a swap entry records.</summary>
    /// <remarks>Kernel: swp_offset(pte_to_swp_entry(pte))</remarks>
    ulong SwapOffset(Pte pte) => pte.Value >> 12;

    /// <summary>
    /// A non-present entry of kind <paramref name="kind"/>: a swap slot, a migration entry for the page
    /// <paramref name="offset"/> (its PFN), or a marker with <paramref name="offset"/> as its marker bits.
    /// </summary>
    /// <remarks>Kernel: swp_entry_to_pte(swp_entry(type, offset)), make_*_migration_entry(), make_pte_marker().
    /// The default layout keeps <see cref="MkSwapEntry"/>'s (offset at bit 12, every low bit clear for a swap slot)
    /// and puts the kind in bits 2:4, which are not the present (or PROT_NONE) bit on arm64, x86-64 or RISC-V;
    /// override for another layout.</remarks>
    Pte MkNonPresentEntry(NonPresentKind kind, ulong offset)
    {
        if (kind == NonPresentKind.Swap)
        {
            return MkSwapEntry(offset);
        }

        if ((uint)kind > (uint)NonPresentKind.Marker || offset >= 1UL << 50)
        {
            throw new ArgumentOutOfRangeException(nameof(offset), offset, $"non-present entry {kind}: offset must be below 2^50.");
        }

        return new Pte((offset << 12) | ((ulong)kind << 2));
    }

    /// <summary>The kind of a non-present, non-none entry built by <see cref="MkNonPresentEntry"/>.</summary>
    /// <remarks>Kernel: swp_type(pte_to_swp_entry(pte)) / softleaf_type()</remarks>
    NonPresentKind NonPresentKindOf(Pte pte) => (NonPresentKind)((pte.Value >> 2) & 7);

    /// <summary>True when the architecture tracks soft-dirty in its PTEs (and the model encodes it).</summary>
    /// <remarks>Kernel: CONFIG_HAVE_ARCH_SOFT_DIRTY (with CONFIG_MEM_SOFT_DIRTY=y). Default: none.</remarks>
    bool HasSoftDirty => false;

    /// <summary>True when the entry's soft-dirty bit is set; false where the arch has none.</summary>
    /// <remarks>Kernel: pte_soft_dirty()</remarks>
    bool SoftDirty(Pte pte) => false;

    /// <summary>Sets the soft-dirty bit; the entry unchanged where the arch has none.</summary>
    /// <remarks>Kernel: pte_mksoft_dirty()</remarks>
    Pte MkSoftDirty(Pte pte) => pte;

    /// <summary>Clears the soft-dirty bit; the entry unchanged where the arch has none.</summary>
    /// <remarks>Kernel: pte_clear_soft_dirty()</remarks>
    Pte ClearSoftDirty(Pte pte) => pte;
}
