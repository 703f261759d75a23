namespace ArchPgtable.Mm.Operations;

/// <summary>
/// mprotect(): new permissions for a range of VMAs, then each present entry rewritten through the protection-change
/// helpers: write removed where the VMA loses it; where it gains it, a private page is made writable at once only if it
/// is PageAnonExclusive (otherwise the next write faults and copies), a shared one always. One TLB flush at the end.
/// </summary>
/// <remarks>Kernel: mprotect_fixup() → change_protection() → change_pte_range() (mm/mprotect.c): change_present_ptes(),
/// set_write_prot_commit_flush_ptes(), commit_anon_folio_batch(), can_change_pte_writable().</remarks>
public static class Mprotect
{
    /// <summary>Gives <c>[start, start+length)</c> the permissions <paramref name="flags"/> (<see cref="VmFlags.Read"/>, optionally <see cref="VmFlags.Write"/>).</summary>
    /// <exception cref="ArgumentException">The range is not page-aligned, or not wholly inside VMAs (ENOMEM).</exception>
    public static void Run(MmStruct mm, ulong start, ulong length, VmFlags flags, MprotectAlgorithm algorithm)
    {
        var end = RangeCheck.Range(mm, "mprotect", start, length);
        for (var a = start; a < end;)
        {
            var v = mm.FindVma(a) ?? throw new ArgumentException($"mprotect: 0x{a:x} is not mapped (ENOMEM).");
            a = v.End;
        }

        HugePmd.SplitPartial(mm, start, end);
        mm.SetFlags(start, end, flags);
        var gather = new MmuGather(mm);
        for (var addr = start; addr < end;)
        {
            var next = RangeCheck.PmdEnd(mm, addr, end);
            var table = mm.PageTable.Find(addr);
            if (table is null && mm.System.HasHugePmds && HugePmd.TryGetLeaf(mm, addr, out var pmdp, out _))
            {
                HugePmd.Change(mm, gather, mm.FindVma(addr)!, addr, pmdp);
            }
            else if (table is not null)
            {
                ChangePteRange(mm, gather, table, addr, next, algorithm);
            }

            addr = next;
        }

        gather.Finish();
        mm.System.Oracle?.Record(mm, start, end, $"mprotect({((flags & VmFlags.Write) != 0 ? "RW" : "R")}, {algorithm.ToString().ToLowerInvariant()})");
    }

    private static void ChangePteRange(MmStruct mm, MmuGather gather, PteTable table, ulong addr, ulong end, MprotectAlgorithm algorithm)
    {
        var sys = mm.System;
        var ops = sys.Ops;
        var fmt = sys.Format;
        var mem = sys.Memory;
        var g = sys.Arch.Geometry;
        while (addr < end)
        {
            var vma = mm.FindVma(addr)!;
            var ptep = table[g.PteIndex(addr)];
            var oldpte = ops.PtepGet(ptep);
            var nr = 1;
            if (!fmt.Present(oldpte))
            {
                // Swap entries carry no write permission to remove; none entries need nothing.
                addr += g.PageSize;
                continue;
            }

            var pfn = fmt.Pfn(oldpte);
            FolioExtent folio = default;
            var hasFolio = pfn != mem.ZeroPfn && mm.TryGetFolio(pfn, out folio);
            if (algorithm == MprotectAlgorithm.Old)
            {
                var old = ops.PtepModifyProtStart(mm, addr, ptep);
                var ptent = Modify(fmt, old, vma);
                if (TryChangeWritable(vma, fmt, ptent) && CanChangeWritable(sys, vma, hasFolio, pfn))
                {
                    ptent = fmt.MkWrite(ptent);
                }

                ops.PtepModifyProtCommit(mm, addr, ptep, old, ptent);
            }
            else
            {
                var max = (int)Math.Min((ulong)ptep.EntriesToTableEnd, (Math.Min(end, vma.End) - addr) >> g.PageShift);
                if (hasFolio && folio.NrPages > 1)
                {
                    var copy = oldpte;
                    nr = FolioPteBatch.BatchFlags(ops, folio, ptep, ref copy, max, FpbFlags.RespectSoftDirty | FpbFlags.RespectWrite);
                }

                var old = ops.ModifyProtStartPtes(mm, addr, ptep, nr);
                var ptent = Modify(fmt, old, vma);
                if (!TryChangeWritable(vma, fmt, ptent) || (vma.Flags & VmFlags.Shared) != 0 || !hasFolio)
                {
                    var write = TryChangeWritable(vma, fmt, ptent) && CanChangeWritable(sys, vma, hasFolio, pfn);
                    ops.ModifyProtCommitPtes(mm, addr, ptep, old, write ? fmt.MkWrite(ptent) : ptent, nr);
                }
                else
                {
                    CommitAnonFolioBatch(mm, addr, ptep, old, ptent, pfn, nr, algorithm == MprotectAlgorithm.NewFirstPageDecides);
                }
            }

            gather.RemoveTlbEntries(addr, nr);
            addr += (ulong)nr << g.PageShift;
        }
    }

    /// <summary>Commits <paramref name="nr"/> entries in sub-batches of equal PageAnonExclusive: exclusive pages made writable, the others not.</summary>
    /// <remarks>Kernel: commit_anon_folio_batch() → page_anon_exclusive_sub_batch(), prot_commit_flush_ptes()</remarks>
    private static void CommitAnonFolioBatch(MmStruct mm, ulong addr, PtePointer ptep, Pte old, Pte ptent, ulong pfn, int nr, bool firstPageDecides)
    {
        var sys = mm.System;
        var mem = sys.Memory;
        var fmt = sys.Format;
        var pageShift = sys.Arch.Geometry.PageShift;
        for (var idx = 0; idx < nr;)
        {
            var exclusive = mem.AnonExclusive(pfn + (ulong)idx);
            var len = 1;
            while (idx + len < nr && (firstPageDecides || mem.AnonExclusive(pfn + (ulong)(idx + len)) == exclusive))
            {
                len++;
            }

            var entry = fmt.AdvancePfn(ptent, idx);
            sys.Ops.ModifyProtCommitPtes(mm, addr + ((ulong)idx << pageShift), ptep + idx, fmt.AdvancePfn(old, idx), exclusive ? fmt.MkWrite(entry) : entry, len);
            idx += len;
        }
    }

    /// <summary>The entry with the VMA's new protection: a private mapping's vm_page_prot is never writable (writes go through the COW fault or the upgrade below); a shared writable one is.</summary>
    /// <remarks>Kernel: pte_modify(oldpte, vma-&gt;vm_page_prot)</remarks>
    private static Pte Modify(IPteFormat fmt, Pte pte, Vma vma) =>
        (vma.Flags & (VmFlags.Write | VmFlags.Shared)) == (VmFlags.Write | VmFlags.Shared) ? fmt.MkWrite(pte) : fmt.WrProtect(pte);

    /// <summary>MM_CP_TRY_CHANGE_WRITABLE for a writable private VMA and an entry still read-only.</summary>
    /// <remarks>Kernel: vma_wants_manual_pte_write_upgrade() &amp;&amp; !pte_write(ptent)</remarks>
    private static bool TryChangeWritable(Vma vma, IPteFormat fmt, Pte ptent) =>
        (vma.Flags & (VmFlags.Write | VmFlags.Shared)) == VmFlags.Write && !fmt.Write(ptent);

    /// <summary>A private page may be made writable without a fault only when it is anonymous and exclusive to this process.</summary>
    /// <remarks>Kernel: can_change_pte_writable() (private: PageAnon &amp;&amp; PageAnonExclusive)</remarks>
    private static bool CanChangeWritable(MmSystem sys, Vma vma, bool hasFolio, ulong pfn) =>
        (vma.Flags & VmFlags.Shared) == 0 && hasFolio && sys.Memory.Test(pfn, Memory.FolioFlags.Anon) && sys.Memory.AnonExclusive(pfn);
}
