using System.Runtime.CompilerServices;
using static ArchPgtable.Arm64.Arm64PteBits;

namespace ArchPgtable.Arm64;

/// <summary>
/// The granule-independent arm64 PTE predicates and modifiers, as static non-virtual functions
/// so the hot paths inline. Dirty is encoded twice: software <c>PTE_DIRTY</c>, and hardware
/// dirty = <c>PTE_WRITE &amp;&amp; !PTE_RDONLY</c> (what a DBM write leaves behind).
/// </summary>
/// <remarks>Kernel: the pte_*() inlines of arch/arm64/include/asm/pgtable.h.</remarks>
public static class Arm64Pte
{
    /// <summary>True when the descriptor is valid.</summary>
    /// <remarks>Kernel: pte_valid()</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Valid(Pte pte) => (pte.Value & PTE_VALID) != 0;

    /// <summary>True when the contiguous bit is set (valid or not).</summary>
    /// <remarks>Kernel: pte_cont()</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Cont(Pte pte) => (pte.Value & PTE_CONT) != 0;

    /// <summary>True when the descriptor is valid and part of a contiguous block.</summary>
    /// <remarks>Kernel: pte_valid_cont()</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool ValidCont(Pte pte) => (pte.Value & (PTE_VALID | PTE_CONT)) == (PTE_VALID | PTE_CONT);

    /// <summary>True for a present-but-invalid (PROT_NONE) entry: NG set, VALID clear.</summary>
    /// <remarks>Kernel: pte_present_invalid()</remarks>
    public static bool PresentInvalid(Pte pte) => (pte.Value & (PTE_VALID | PTE_PRESENT_INVALID)) == PTE_PRESENT_INVALID;

    /// <summary>True when the entry maps a page: valid, or present-invalid.</summary>
    /// <remarks>Kernel: pte_present()</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Present(Pte pte) => (pte.Value & (PTE_VALID | PTE_PRESENT_INVALID)) != 0;

    /// <summary>True when the access flag is set.</summary>
    /// <remarks>Kernel: pte_young()</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Young(Pte pte) => (pte.Value & PTE_AF) != 0;

    /// <summary>True when the entry is logically writable (PTE_WRITE, which is the DBM bit).</summary>
    /// <remarks>Kernel: pte_write()</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Write(Pte pte) => (pte.Value & PTE_WRITE) != 0;

    /// <summary>True when AP[2] (read-only) is set.</summary>
    /// <remarks>Kernel: pte_rdonly()</remarks>
    public static bool RdOnly(Pte pte) => (pte.Value & PTE_RDONLY) != 0;

    /// <summary>True when the hardware dirty state is set: writable and not read-only.</summary>
    /// <remarks>Kernel: pte_hw_dirty()</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool HwDirty(Pte pte) => (pte.Value & (PTE_WRITE | PTE_RDONLY)) == PTE_WRITE;

    /// <summary>True when the software dirty bit is set.</summary>
    /// <remarks>Kernel: pte_sw_dirty()</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool SwDirty(Pte pte) => (pte.Value & PTE_DIRTY) != 0;

    /// <summary>True when the entry is dirty: software dirty or hardware dirty.</summary>
    /// <remarks>Kernel: pte_dirty()</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Dirty(Pte pte) => SwDirty(pte) || HwDirty(pte);

    /// <summary>True for a special mapping (no struct page).</summary>
    /// <remarks>Kernel: pte_special()</remarks>
    public static bool Special(Pte pte) => (pte.Value & PTE_SPECIAL) != 0;

    /// <summary>True when EL0 may access the page.</summary>
    /// <remarks>Kernel: pte_user()</remarks>
    public static bool User(Pte pte) => (pte.Value & PTE_USER) != 0;

    /// <summary>Clears the access flag.</summary>
    /// <remarks>Kernel: pte_mkold()</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Pte MkOld(Pte pte) => new(pte.Value & ~PTE_AF);

    /// <summary>Sets the access flag.</summary>
    /// <remarks>Kernel: pte_mkyoung()</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Pte MkYoung(Pte pte) => new(pte.Value | PTE_AF);

    /// <summary>Clears the dirty state: clears PTE_DIRTY and sets PTE_RDONLY (PTE_WRITE is kept, so a writable entry becomes clean-writable).</summary>
    /// <remarks>Kernel: pte_mkclean()</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Pte MkClean(Pte pte) => new((pte.Value & ~PTE_DIRTY) | PTE_RDONLY);

    /// <summary>Sets the dirty state: sets PTE_DIRTY and, when writable, clears PTE_RDONLY (hardware dirty).</summary>
    /// <remarks>Kernel: pte_mkdirty()</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Pte MkDirty(Pte pte)
    {
        var v = pte.Value | PTE_DIRTY;
        return new((v & PTE_WRITE) != 0 ? v & ~PTE_RDONLY : v);
    }

    /// <summary>Removes write permission, first moving a hardware-dirty state into PTE_DIRTY, then clearing PTE_WRITE and setting PTE_RDONLY.</summary>
    /// <remarks>Kernel: pte_wrprotect()</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Pte WrProtect(Pte pte)
    {
        var v = pte.Value;
        if (HwDirty(pte))
        {
            v |= PTE_DIRTY;
        }

        return new((v & ~PTE_WRITE) | PTE_RDONLY);
    }

    /// <summary>
    /// Grants write permission: sets PTE_WRITE, and clears PTE_RDONLY only when the entry is
    /// software dirty, so a clean entry becomes clean-writable rather than hardware dirty.
    /// </summary>
    /// <remarks>
    /// Kernel: pte_mkwrite_novma(). This is the newer behaviour (2024/25 fix); older kernels cleared
    /// PTE_RDONLY unconditionally, which made every pte_mkwrite() result read as pte_dirty().
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Pte MkWrite(Pte pte)
    {
        var v = pte.Value | PTE_WRITE;
        return new((v & PTE_DIRTY) != 0 ? v & ~PTE_RDONLY : v);
    }

    /// <summary>Sets the contiguous bit.</summary>
    /// <remarks>Kernel: pte_mkcont()</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Pte MkCont(Pte pte) => new(pte.Value | PTE_CONT);

    /// <summary>Clears the contiguous bit.</summary>
    /// <remarks>Kernel: pte_mknoncont()</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Pte MkNonCont(Pte pte) => new(pte.Value & ~PTE_CONT);

    /// <summary>Marks the entry special.</summary>
    /// <remarks>Kernel: pte_mkspecial()</remarks>
    public static Pte MkSpecial(Pte pte) => new(pte.Value | PTE_SPECIAL);
}
