using ArchPgtable.Generic;
using static ArchPgtable.RiscV.RiscVPteBits;

namespace ArchPgtable.RiscV;

/// <summary>
/// riscv's own single-entry helpers as upstream writes them: they touch exactly the entry they
/// are given and know nothing of NAPOT ranges. With CONFIG_RISCV_ISA_SVNAPOT=n they are the
/// public helpers (<see cref="RiscVPageTableOps"/>); with it, the NAPOT layer calls them on
/// single entries, the way arm64's contpte layer calls its <c>__</c> helpers. Read-modify-writes
/// that can race with a Svadu hart's A/D update are atomic.
/// </summary>
/// <remarks>Kernel: arch/riscv/include/asm/pgtable.h and arch/riscv/mm/pgtable.c</remarks>
public static class RiscVRawPtes
{
    /// <summary>Stores <paramref name="pte"/> into <paramref name="nr"/> consecutive entries, adding 1 to the PPN each time.</summary>
    /// <remarks>Kernel: set_ptes() (riscv: __set_pte_at() then pte_val(pteval) += 1 &lt;&lt; _PAGE_PFN_SHIFT)</remarks>
    public static void SetPtes(PtePointer ptep, Pte pte, int nr) => PteRuns.SetPtes(ptep, pte, nr, default(NextPfn));

    private readonly struct NextPfn : IPteTransform
    {
        public Pte Apply(Pte pte) => new(pte.Value + (1UL << _PAGE_PFN_SHIFT));
    }

    /// <summary>Atomically exchanges the entry with 0.</summary>
    /// <remarks>Kernel: ptep_get_and_clear() (riscv: atomic_long_xchg(ptep, 0))</remarks>
    public static Pte PtepGetAndClear(PtePointer ptep) => ptep.Exchange(Pte.None);

    /// <summary>If the entry reads young, atomically clears A (test_and_clear_bit, here a compare-and-exchange loop); returns A's old value.</summary>
    /// <remarks>Kernel: ptep_test_and_clear_young() (riscv: test_and_clear_bit(_PAGE_ACCESSED_OFFSET))</remarks>
    public static bool PtepTestAndClearYoung(PtePointer ptep)
    {
        var pte = ptep.Read();
        while (RiscVPte.Young(pte))
        {
            var found = ptep.CompareExchange(RiscVPte.MkOld(pte), pte);
            if (found == pte)
            {
                return true;
            }

            pte = found;
        }

        return false;
    }

    /// <summary>Atomically clears W (atomic_long_and, here a compare-and-exchange loop).</summary>
    /// <remarks>Kernel: ptep_set_wrprotect() (riscv: atomic_long_and(~_PAGE_WRITE, ptep))</remarks>
    public static void PtepSetWrprotect(PtePointer ptep) => ptep.CompareExchangeLoop(default(WrProtectTransform));

    private readonly struct WrProtectTransform : IPteTransform
    {
        public Pte Apply(Pte pte) => RiscVPte.WrProtect(pte);
    }

    /// <summary>Stores <paramref name="entry"/> if it differs from the entry; always returns true, so the caller's update_mmu_cache() runs (a local sfence.vma that also covers a spurious fault).</summary>
    /// <remarks>Kernel: ptep_set_access_flags() (arch/riscv/mm/pgtable.c)</remarks>
    public static bool PtepSetAccessFlags(PtePointer ptep, Pte entry)
    {
        if (ptep.Read() != entry)
        {
            ptep.Write(entry);
        }

        return true;
    }

    /// <summary>
    /// Clears A and/or D on <paramref name="nr"/> consecutive entries, keeping every other bit
    /// (a NAPOT entry stays NAPOT). With both flags a plain store of the cleared value suffices
    /// (a Svadu hart only ever sets A/D, so an update landing between the read and the store is
    /// indistinguishable from one made just before); with one flag a compare-and-exchange loop
    /// keeps a concurrent update of the other.
    /// </summary>
    /// <remarks>Kernel: none upstream (riscv uses the generic clear_young_dirty_ptes()); the raw tier of the NAPOT layer, modelled on arm64's __clear_young_dirty_ptes()</remarks>
    public static void ClearYoungDirtyPtes(PtePointer ptep, int nr, CydpFlags flags)
    {
        var clear = ((flags & CydpFlags.Young) != 0 ? _PAGE_ACCESSED : 0) | ((flags & CydpFlags.Dirty) != 0 ? _PAGE_DIRTY : 0);
        var table = ptep.Table;
        if (clear == (_PAGE_ACCESSED | _PAGE_DIRTY))
        {
            // Both flags: a plain read and store per entry (counted and observed as Read then Write).
            table.UpdateBits(ptep.Index, nr, clear, 0);
            return;
        }

        for (int index = ptep.Index, end = ptep.Index + nr; index < end; index++)
        {
            var pte = table.Read(index);
            for (; ; )
            {
                var found = table.CompareExchange(index, new Pte(pte.Value & ~clear), pte);
                if (found == pte)
                {
                    break;
                }

                pte = found;
            }
        }
    }
}
