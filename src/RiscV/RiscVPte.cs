using System.Runtime.CompilerServices;
using static ArchPgtable.RiscV.RiscVPteBits;

namespace ArchPgtable.RiscV;

/// <summary>
/// The RV64 PTE predicates and modifiers as static functions. Accessed, dirty and writable are
/// independent plain bits (no DBM-style coupling). A 64 KiB NAPOT entry carries N and the size
/// pattern 1000b in ppn[3:0]; all 16 entries of the range hold that same value.
/// </summary>
/// <remarks>Kernel: the pte_*() inlines of arch/riscv/include/asm/pgtable.h and pgtable-64.h.</remarks>
public static class RiscVPte
{
    /// <summary>True when Linux sees a mapping: V, or PROT_NONE.</summary>
    /// <remarks>Kernel: pte_present() (_PAGE_PRESENT | _PAGE_PROT_NONE)</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Present(Pte pte) => (pte.Value & (_PAGE_PRESENT | _PAGE_PROT_NONE)) != 0;

    /// <summary>True when the hart sees a mapping (V).</summary>
    /// <remarks>Kernel: pte_val(pte) &amp; _PAGE_PRESENT</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Valid(Pte pte) => (pte.Value & _PAGE_PRESENT) != 0;

    /// <summary>True when A is set.</summary>
    /// <remarks>Kernel: pte_young()</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Young(Pte pte) => (pte.Value & _PAGE_ACCESSED) != 0;

    /// <summary>True when D is set.</summary>
    /// <remarks>Kernel: pte_dirty()</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Dirty(Pte pte) => (pte.Value & _PAGE_DIRTY) != 0;

    /// <summary>True when W is set.</summary>
    /// <remarks>Kernel: pte_write()</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Write(Pte pte) => (pte.Value & _PAGE_WRITE) != 0;

    /// <summary>True for a special mapping.</summary>
    /// <remarks>Kernel: pte_special()</remarks>
    public static bool Special(Pte pte) => (pte.Value & _PAGE_SPECIAL) != 0;

    /// <summary>True when N is set.</summary>
    /// <remarks>Kernel: pte_napot()</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Napot(Pte pte) => (pte.Value & _PAGE_NAPOT) != 0;

    /// <summary>True for a valid 64 KiB NAPOT entry: V and N set and ppn[3:0] = 1000b.</summary>
    /// <remarks>Kernel: pte_present() &amp;&amp; pte_napot() with napot_cont_order() == NAPOT_CONT64KB_ORDER</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool ValidNapot(Pte pte) =>
        (pte.Value & (_PAGE_PRESENT | _PAGE_NAPOT | NapotPpnMask)) == (_PAGE_PRESENT | _PAGE_NAPOT | NapotPpnPattern);

    /// <summary>Clears A.</summary>
    /// <remarks>Kernel: pte_mkold()</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Pte MkOld(Pte pte) => new(pte.Value & ~_PAGE_ACCESSED);

    /// <summary>Sets A.</summary>
    /// <remarks>Kernel: pte_mkyoung()</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Pte MkYoung(Pte pte) => new(pte.Value | _PAGE_ACCESSED);

    /// <summary>Clears D.</summary>
    /// <remarks>Kernel: pte_mkclean()</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Pte MkClean(Pte pte) => new(pte.Value & ~_PAGE_DIRTY);

    /// <summary>Sets D.</summary>
    /// <remarks>Kernel: pte_mkdirty()</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Pte MkDirty(Pte pte) => new(pte.Value | _PAGE_DIRTY);

    /// <summary>Clears W; D is untouched.</summary>
    /// <remarks>Kernel: pte_wrprotect()</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Pte WrProtect(Pte pte) => new(pte.Value & ~_PAGE_WRITE);

    /// <summary>Sets W.</summary>
    /// <remarks>Kernel: pte_mkwrite_novma()</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Pte MkWrite(Pte pte) => new(pte.Value | _PAGE_WRITE);

    /// <summary>Marks the entry special.</summary>
    /// <remarks>Kernel: pte_mkspecial()</remarks>
    public static Pte MkSpecial(Pte pte) => new(pte.Value | _PAGE_SPECIAL);

    /// <summary>
    /// Encodes a 64 KiB NAPOT entry from an entry mapping the range's first (64 KiB-aligned)
    /// page: ppn[3:0] becomes 1000b and N is set. Every entry of the range gets this same value.
    /// </summary>
    /// <remarks>Kernel: pte_mknapot(pte, NAPOT_CONT64KB_ORDER)</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Pte MkNapot(Pte pte) => new((pte.Value & ~NapotPpnMask) | NapotPpnPattern | _PAGE_NAPOT);

    /// <summary>The PFN an entry maps; for a NAPOT entry the range's base (the lowest set PPN bit, the size pattern, cleared).</summary>
    /// <remarks>Kernel: pte_pfn() (has_svnapot() &amp;&amp; pte_napot(): res &amp; (res - 1))</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Pfn(Pte pte)
    {
        var res = (pte.Value & _PAGE_PFN_MASK) >> _PAGE_PFN_SHIFT;
        return Napot(pte) ? res & (res - 1) : res;
    }
}
