using System.Globalization;
using static ArchPgtable.RiscV.RiscVPteBits;

namespace ArchPgtable.RiscV;

/// <summary>The range-aware helpers the NAPOT layer calls when an entry (or a batch end) is NAPOT.</summary>
/// <remarks>Kernel: none upstream; the contpte_*() functions of arm64's contpte.c with riscv's encoding.</remarks>
internal static partial class Napot
{
    /// <summary>How many times the lockless gather restarts before it reports a misprogrammed range (see arm64's ContPte.LocklessRetryLimit).</summary>
    /// <remarks>Kernel: the unbounded "goto retry" of contpte_ptep_get_lockless()</remarks>
    public const int LocklessRetryLimit = 1024;

    /// <summary>
    /// The core-mm view of a NAPOT entry: entry i of the range as a plain entry for base + i,
    /// with A and D OR-ed over all 16 entries (the Svnapot spec lets the hart update any of
    /// them: "the OS must query all NAPOT aliases of a page").
    /// </summary>
    /// <remarks>Kernel: contpte_ptep_get() (arm64); riscv's huge_ptep_get() gathers the same way for hugetlb</remarks>
    public static Pte PtepGet(PtePointer ptep, Pte raw)
    {
        var view = View(raw, ptep.Index);
        var first = ptep.AlignDown(NapotPtes);
        for (int i = first.Index, end = first.Index + NapotPtes; i < end; i++)
        {
            var pte = first.Table.Read(i);
            if (RiscVPte.Dirty(pte))
            {
                view = RiscVPte.MkDirty(view);
            }

            if (RiscVPte.Young(pte))
            {
                view = RiscVPte.MkYoung(view);
            }
        }

        return view;
    }

    /// <summary>
    /// The lock-free read: for a NAPOT entry, gather over the range, restarting whenever an entry
    /// is not the same NAPOT value once A/D are masked (a racing fold, unfold or modify).
    /// </summary>
    /// <exception cref="InvalidOperationException">The range stayed inconsistent for <see cref="LocklessRetryLimit"/> scans.</exception>
    /// <remarks>Kernel: contpte_ptep_get_lockless() (arm64)</remarks>
    public static Pte PtepGetLockless(PtePointer ptep)
    {
        var first = ptep.AlignDown(NapotPtes);
        for (var attempt = 0; attempt < LocklessRetryLimit; attempt++)
        {
            var orig = ptep.Read();
            if (!RiscVPte.ValidNapot(orig))
            {
                return orig;
            }

            var view = View(orig, ptep.Index);
            var consistent = true;
            for (int i = first.Index, end = first.Index + NapotPtes; i < end && consistent; i++)
            {
                var pte = first.Table.Read(i);
                consistent = Normalise(pte) == Normalise(orig);
                view = RiscVPte.Dirty(pte) ? RiscVPte.MkDirty(view) : view;
                view = RiscVPte.Young(pte) ? RiscVPte.MkYoung(view) : view;
            }

            if (consistent)
            {
                return view;
            }
        }

        throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
            $"ptep_get_lockless: the NAPOT range at PTE index {first.Index} stayed inconsistent for {LocklessRetryLimit} scans (misprogrammed NAPOT range)."));
    }

    /// <summary>
    /// Maps <paramref name="nr"/> ≥ 2 none entries: every sub-range that is exactly one 64 KiB
    /// range with VA and PA aligned, of a valid entry, is written as one NAPOT value; every other
    /// entry plainly. No TLB maintenance (the targets were none). A kernel mm gets plain entries.
    /// </summary>
    /// <remarks>Kernel: contpte_set_ptes() (arm64) with set_huge_pte_at()'s NAPOT write</remarks>
    public static void SetPtes(IMmContext mm, ulong addr, PtePointer ptep, Pte pte, int nr)
    {
        if (!mm.IsUserMm || !RiscVPte.Valid(pte))
        {
            RiscVRawPtes.SetPtes(ptep, pte, nr);
            return;
        }

        var end = addr + ((ulong)nr << PageShift);
        var table = ptep.Table;
        var index = ptep.Index;
        for (; ; )
        {
            var boundary = (addr + Size) & ~(Size - 1);
            var next = boundary - 1 < end - 1 ? boundary : end;
            var n = (int)((next - addr) >> PageShift);
            var chunk = new PtePointer(table, index);
            if (((addr | next | (Format.Pfn(pte) << PageShift)) & (Size - 1)) == 0)
            {
                WriteNapot(chunk, Encode(pte));
            }
            else
            {
                RiscVRawPtes.SetPtes(chunk, pte, n);
            }

            addr = next;
            if (addr == end)
            {
                return;
            }

            index += n;
            pte = Format.AdvancePfn(pte, n);
        }
    }

    /// <summary>Clears a batch of ≥ 2 entries: unfolds the partially covered end ranges, then exchanges every entry with 0.</summary>
    /// <remarks>Kernel: contpte_clear_full_ptes() (arm64)</remarks>
    public static void ClearFullPtes(IMmContext mm, ulong addr, PtePointer ptep, int nr)
    {
        TryUnfoldPartial(mm, addr, ptep, nr);
        for (var i = 0; i < nr; i++)
        {
            RiscVRawPtes.PtepGetAndClear(ptep + i);
        }
    }

    /// <summary>Clears a batch of ≥ 2 entries as <see cref="ClearFullPtes"/>; returns the first entry's core-mm view with A/D OR-ed over the batch.</summary>
    /// <remarks>Kernel: contpte_get_and_clear_full_ptes() (arm64)</remarks>
    public static Pte GetAndClearFullPtes(IMmContext mm, ulong addr, PtePointer ptep, int nr)
    {
        TryUnfoldPartial(mm, addr, ptep, nr);
        var pte = View(RiscVRawPtes.PtepGetAndClear(ptep), ptep.Index);
        for (var i = 1; i < nr; i++)
        {
            var tmp = RiscVRawPtes.PtepGetAndClear(ptep + i);
            pte = RiscVPte.Dirty(tmp) ? RiscVPte.MkDirty(pte) : pte;
            pte = RiscVPte.Young(tmp) ? RiscVPte.MkYoung(pte) : pte;
        }

        return pte;
    }

    /// <summary>Write-protects a batch of ≥ 2 entries: unfolds the partially covered end ranges (a NAPOT range whose entries disagree on W is misprogrammed), then clears W on every entry; fully covered ranges stay NAPOT.</summary>
    /// <remarks>Kernel: contpte_wrprotect_ptes() (arm64)</remarks>
    public static void WrprotectPtes(IMmContext mm, ulong addr, PtePointer ptep, int nr)
    {
        TryUnfoldPartial(mm, addr, ptep, nr);
        for (var i = 0; i < nr; i++)
        {
            RiscVRawPtes.PtepSetWrprotect(ptep + i);
        }
    }

    /// <summary>Clears A on every entry of the range (no unfold: core mm ages per folio and a range lies in one folio); returns the OR of their young state.</summary>
    /// <remarks>Kernel: contpte_ptep_test_and_clear_young() (arm64)</remarks>
    public static bool PtepTestAndClearYoung(PtePointer ptep)
    {
        var first = ptep.AlignDown(NapotPtes);
        var young = false;
        for (var i = 0; i < NapotPtes; i++)
        {
            young |= RiscVRawPtes.PtepTestAndClearYoung(first + i);
        }

        return young;
    }

    /// <summary>
    /// Makes a NAPOT entry at least as permissive as <paramref name="entry"/> (a core-mm view).
    /// If W is unchanged, every entry of the range whose value differs becomes the NAPOT encoding
    /// of <paramref name="entry"/> plus the A/D it already has, one compare-and-exchange each —
    /// checked entry by entry, so an entry the hart reads with A or D clear is always fixed even
    /// when the gathered view already shows them. If W changes, the range is unfolded and only
    /// the target entry is updated. Returns true, as riscv does, so update_mmu_cache() runs.
    /// </summary>
    /// <remarks>Kernel: contpte_ptep_set_access_flags() (arm64) with riscv's return value</remarks>
    public static bool PtepSetAccessFlags(IMmContext vma, ulong addr, PtePointer ptep, Pte entry)
    {
        var orig = PtepGet(ptep, ptep.Read());
        if (RiscVPte.Write(orig) != RiscVPte.Write(entry))
        {
            TryUnfold(vma, addr, ptep, ptep.Read());
            return RiscVRawPtes.PtepSetAccessFlags(ptep, entry);
        }

        var target = Encode(entry).Value;
        var first = ptep.AlignDown(NapotPtes);
        for (int i = first.Index, end = first.Index + NapotPtes; i < end; i++)
        {
            var old = first.Table.Read(i);
            for (; ; )
            {
                var next = new Pte(target | (old.Value & (_PAGE_ACCESSED | _PAGE_DIRTY)));
                if (next == old)
                {
                    break;
                }

                var found = first.Table.CompareExchange(i, next, old);
                if (found == old)
                {
                    break;
                }

                old = found;
            }
        }

        return true;
    }

    /// <summary>
    /// Clears A and/or D over a batch widened to whole ranges at the two ends only (the start
    /// down to its range's first entry if the first raw entry is NAPOT, the end up to its range's
    /// end if the last raw entry is NAPOT). Never folds, unfolds or flushes; right for any mix of
    /// NAPOT and plain entries and any <paramref name="nr"/>.
    /// </summary>
    /// <remarks>Kernel: contpte_clear_young_dirty_ptes() (arm64)</remarks>
    public static void ClearYoungDirtyPtes(ulong addr, PtePointer ptep, int nr, CydpFlags flags)
    {
        var start = addr;
        var end = addr + ((ulong)nr << PageShift);
        if (RiscVPte.Napot((ptep + (nr - 1)).Read()))
        {
            end = (end + Size - 1) & ~(Size - 1);
        }

        if (RiscVPte.Napot(ptep.Read()))
        {
            start = BlockStart(start);
            ptep = ptep.AlignDown(NapotPtes);
        }

        RiscVRawPtes.ClearYoungDirtyPtes(ptep, (int)((end - start) >> PageShift), flags);
    }
}
