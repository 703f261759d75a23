using System.Globalization;

namespace ArchPgtable.Mm.Operations;

/// <summary>
/// mremap(MREMAP_MAYMOVE | MREMAP_FIXED) of a range inside one VMA to a new address of the same length: whatever is
/// mapped at the target is unmapped, a VMA with the same permissions is created there, every entry is moved (present
/// ones marked soft-dirty where the arch tracks it), the old range's TLB entries are flushed once and its VMA removed.
/// Each page keeps its PFN, write permission and PageAnonExclusive.
/// </summary>
/// <remarks>Kernel: mremap() → move_vma() → copy_vma(), move_page_tables() → move_ptes() (mm/mremap.c: mremap_folio_pte_batch(),
/// get_and_clear_ptes(), set_ptes(), move_soft_dirty_pte(), flush_tlb_range()).</remarks>
public static class Mremap
{
    /// <summary>Moves <c>[oldStart, oldStart+length)</c> to <paramref name="newStart"/>.</summary>
    /// <exception cref="ArgumentException">Unaligned, the old range not inside one VMA (EFAULT), or the two ranges overlapping (EINVAL).</exception>
    public static void Run(MmStruct mm, ulong oldStart, ulong length, ulong newStart, MremapAlgorithm algorithm)
    {
        var oldEnd = RangeCheck.Range(mm, "mremap", oldStart, length);
        var newEnd = RangeCheck.Range(mm, "mremap", newStart, length);
        var vma = mm.FindVma(oldStart);
        if (vma is null || oldEnd > vma.End)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"mremap: [0x{oldStart:x}, 0x{oldEnd:x}) is not inside one VMA (EFAULT)."));
        }

        if (newStart < oldEnd && oldStart < newEnd)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"mremap: the new range [0x{newStart:x}, 0x{newEnd:x}) overlaps the old one (EINVAL)."));
        }

        var sys = mm.System;
        if (mm.Vmas.Any(v => v.Start < newEnd && newStart < v.End))
        {
            Munmap.Run(mm, newStart, length);
        }

        mm.AddVma(newStart, newEnd, vma);
        var gather = new MmuGather(mm);
        var g = sys.Arch.Geometry;
        for (ulong done = 0; done < length;)
        {
            var from = oldStart + done;
            var to = newStart + done;
            var extent = Math.Min(RangeCheck.PmdEnd(mm, from, oldEnd) - from, RangeCheck.PmdEnd(mm, to, newEnd) - to);
            var table = mm.PageTable.Find(from);
            if (table is null && sys.HasHugePmds && HugePmd.TryGetLeaf(mm, from, out var pmdp, out _))
            {
                // move_page_tables(): a whole PMD moves as one entry when both ends are PMD-aligned; otherwise split_huge_pmd().
                if (extent == g.PmdSize && HugePmd.Move(mm, gather, from, to, pmdp))
                {
                    done += extent;
                    continue;
                }

                HugePmd.Split(mm, from);
                table = mm.PageTable.Find(from);
            }

            if (table is not null)
            {
                MovePtes(mm, gather, table, from, to, (int)(extent >> g.PageShift), algorithm);
            }

            done += extent;
        }

        gather.Finish();
        mm.RemoveRange(oldStart, oldEnd);
        sys.Oracle?.Record(mm, oldStart, oldEnd, string.Create(CultureInfo.InvariantCulture, $"mremap → 0x{newStart:x} ({algorithm.ToString().ToLowerInvariant()})"));
        sys.Oracle?.MoveRange(mm, oldStart, newStart, length);
        sys.Oracle?.Record(mm, newStart, newEnd, string.Create(CultureInfo.InvariantCulture, $"mremap ← 0x{oldStart:x} ({algorithm.ToString().ToLowerInvariant()})"));
    }

    private static void MovePtes(MmStruct mm, MmuGather gather, PteTable table, ulong from, ulong to, int count, MremapAlgorithm algorithm)
    {
        var sys = mm.System;
        var ops = sys.Ops;
        var fmt = sys.Format;
        var mem = sys.Memory;
        var g = sys.Arch.Geometry;
        var src = table[g.PteIndex(from)];
        var dst = mm.PageTable.PtePointer(to);
        for (var i = 0; i < count;)
        {
            var ptep = src + i;
            var pte = ops.PtepGet(ptep);
            var addr = from + ((ulong)i << g.PageShift);
            var newAddr = to + ((ulong)i << g.PageShift);
            if (pte.IsNone)
            {
                i++;
                continue;
            }

            // mremap_folio_pte_batch(): no folio lookup unless the arch hints at a batch (a contiguous block).
            var nr = 1;
            if (fmt.Present(pte) && algorithm != MremapAlgorithm.Old && count - i > 1 && ops.PteBatchHint(ptep, pte) > 1)
            {
                var pfn = fmt.Pfn(pte);
                if (pfn != mem.ZeroPfn && mm.TryGetFolio(pfn, out var folio) && folio.NrPages > 1)
                {
                    var copy = pte;
                    var flags = algorithm == MremapAlgorithm.NewIgnoringWrite ? FpbFlags.None : FpbFlags.RespectWrite;
                    nr = FolioPteBatch.BatchFlags(ops, folio, ptep, ref copy, count - i, flags);
                }
            }

            Pte moved;
            if (nr > 1)
            {
                moved = ops.GetAndClearPtes(mm, addr, ptep, nr);
            }
            else
            {
                moved = ops.PtepGetAndClear(mm, addr, ptep);
            }

            if (fmt.Present(moved))
            {
                gather.RemoveTlbEntries(addr, nr);
                moved = fmt.MkSoftDirty(moved);
            }

            if (nr > 1)
            {
                ops.SetPtes(mm, newAddr, dst + i, moved, nr);
            }
            else
            {
                ops.SetPteAt(mm, newAddr, dst + i, moved);
            }

            i += nr;
        }
    }
}
