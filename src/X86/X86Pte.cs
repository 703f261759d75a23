using System.Runtime.CompilerServices;
using static ArchPgtable.X86.X86PteBits;

namespace ArchPgtable.X86;

/// <summary>
/// The x86-64 PTE predicates and modifiers as static functions. Accessed, dirty and writable
/// are independent hardware bits; the one coupling is SavedDirty: with it in use, a
/// write-protected entry keeps its dirty state in bit 58 instead of bit 6, because
/// Write=0,Dirty=1 is how a CET shadow-stack page is encoded.
/// </summary>
/// <remarks>Kernel: the pte_*() inlines of arch/x86/include/asm/pgtable.h.</remarks>
public static class X86Pte
{
    /// <summary>True when the CPU or Linux sees a mapping: P, or PROT_NONE.</summary>
    /// <remarks>Kernel: pte_present() (_PAGE_PRESENT | _PAGE_PROTNONE)</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Present(Pte pte) => (pte.Value & (_PAGE_PRESENT | _PAGE_PROTNONE)) != 0;

    /// <summary>True when the accessed bit is set.</summary>
    /// <remarks>Kernel: pte_young()</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Young(Pte pte) => (pte.Value & _PAGE_ACCESSED) != 0;

    /// <summary>True when Dirty or SavedDirty is set.</summary>
    /// <remarks>Kernel: pte_dirty() (_PAGE_DIRTY_BITS)</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Dirty(Pte pte) => (pte.Value & _PAGE_DIRTY_BITS) != 0;

    /// <summary>True when R/W is set. (Linux also calls a shadow-stack page writable; none is ever created here.)</summary>
    /// <remarks>Kernel: pte_write()</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Write(Pte pte) => (pte.Value & _PAGE_RW) != 0;

    /// <summary>True for a special mapping.</summary>
    /// <remarks>Kernel: pte_special()</remarks>
    public static bool Special(Pte pte) => (pte.Value & _PAGE_SPECIAL) != 0;

    /// <summary>True when the soft-dirty bit is set.</summary>
    /// <remarks>Kernel: pte_soft_dirty()</remarks>
    public static bool SoftDirty(Pte pte) => (pte.Value & _PAGE_SOFT_DIRTY) != 0;

    /// <summary>Clears the accessed bit.</summary>
    /// <remarks>Kernel: pte_mkold()</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Pte MkOld(Pte pte) => new(pte.Value & ~_PAGE_ACCESSED);

    /// <summary>Sets the accessed bit.</summary>
    /// <remarks>Kernel: pte_mkyoung()</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Pte MkYoung(Pte pte) => new(pte.Value | _PAGE_ACCESSED);

    /// <summary>Clears Dirty and SavedDirty (soft-dirty stays: it tracks writes for userspace, not writeback).</summary>
    /// <remarks>Kernel: pte_mkclean()</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Pte MkClean(Pte pte) => new(pte.Value & ~_PAGE_DIRTY_BITS);

    /// <summary>Sets Dirty and soft-dirty; on a write-protected entry with SavedDirty in use, the dirty state goes to SavedDirty.</summary>
    /// <param name="pte">The entry.</param>
    /// <param name="savedDirty">SavedDirty is in use (<see cref="X86Kconfig.UserShadowStack"/>).</param>
    /// <remarks>Kernel: pte_mkdirty() → pte_mksaveddirty()</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Pte MkDirty(Pte pte, bool savedDirty)
    {
        var v = pte.Value | _PAGE_DIRTY | _PAGE_SOFT_DIRTY;
        return new(savedDirty ? MkSavedDirtyShift(v) : v);
    }

    /// <summary>Clears R/W; with SavedDirty in use, moves Dirty to SavedDirty so no Write=0,Dirty=1 entry appears.</summary>
    /// <param name="pte">The entry.</param>
    /// <param name="savedDirty">SavedDirty is in use.</param>
    /// <remarks>Kernel: pte_wrprotect() (v6.6+: pte_clear_flags(_PAGE_RW) then pte_mksaveddirty(); before v6.6 only the clear)</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Pte WrProtect(Pte pte, bool savedDirty)
    {
        var v = pte.Value & ~_PAGE_RW;
        return new(savedDirty ? MkSavedDirtyShift(v) : v);
    }

    /// <summary>Sets R/W; with SavedDirty in use, moves SavedDirty back to Dirty.</summary>
    /// <param name="pte">The entry.</param>
    /// <param name="savedDirty">SavedDirty is in use.</param>
    /// <remarks>Kernel: pte_mkwrite() for a non-shadow-stack VMA (pte_mkwrite_novma() then pte_clear_saveddirty())</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Pte MkWrite(Pte pte, bool savedDirty)
    {
        var v = pte.Value | _PAGE_RW;
        return new(savedDirty ? ClearSavedDirtyShift(v) : v);
    }

    /// <summary>Marks the entry special.</summary>
    /// <remarks>Kernel: pte_mkspecial()</remarks>
    public static Pte MkSpecial(Pte pte) => new(pte.Value | _PAGE_SPECIAL);

    /// <summary>If R/W is clear, moves Dirty into SavedDirty (branch-free, as the kernel writes it).</summary>
    /// <remarks>Kernel: mksaveddirty_shift()</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong MkSavedDirtyShift(ulong v)
    {
        var cond = (~v >> 1) & 1;
        v |= ((v >> 6) & cond) << 58;
        v &= ~(cond << 6);
        return v;
    }

    /// <summary>If R/W is set, moves SavedDirty back into Dirty.</summary>
    /// <remarks>Kernel: clear_saveddirty_shift()</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong ClearSavedDirtyShift(ulong v)
    {
        var cond = (v >> 1) & 1;
        v |= ((v >> 58) & cond) << 6;
        v &= ~(cond << 58);
        return v;
    }
}
