namespace ArchPgtable.Mm.Operations;

/// <summary>fork(): a child address space sharing every anonymous page copy-on-write.</summary>
/// <remarks>Kernel: dup_mmap() → copy_page_range() → copy_pte_range() → copy_present_ptes() (batched with folio_pte_batch and wrprotect_ptes since v6.9).</remarks>
public static class Fork
{
    /// <summary>Creates the child; the parent's writable private PTEs are write-protected in batches, then its TLB is flushed.</summary>
    public static MmStruct Run(MmStruct parent) => Run(parent, ForkAlgorithm.Batched);

    /// <summary>Creates the child with <paramref name="algorithm"/>: batched (v6.9) or one PTE at a time (before v6.9).</summary>
    public static MmStruct Run(MmStruct parent, ForkAlgorithm algorithm)
    {
        ArgumentNullException.ThrowIfNull(parent);
        var sys = parent.System;
        var child = sys.CreateMm();
        foreach (var vma in parent.Vmas)
        {
            child.AddVmaCopy(vma);
            for (var addr = vma.Start; addr < vma.End;)
            {
                var next = RangeCheck.PmdEnd(parent, addr, vma.End);
                var src = parent.PageTable.Find(addr);
                if (src is null && sys.HasHugePmds && HugePmd.TryGetLeaf(parent, addr, out var pmdp, out _))
                {
                    // copy_pmd_range(): a huge PMD is copied whole (a VMA always covers whole huge PMDs: partial ones were split).
                    HugePmd.Copy(parent, child, vma, addr & ~(sys.Arch.Geometry.PmdSize - 1), pmdp);
                }
                else if (src is not null)
                {
                    if (algorithm == ForkAlgorithm.PerPte)
                    {
                        CopyPtesOneByOne(parent, child, vma, src, addr, next);
                    }
                    else
                    {
                        CopyPtes(parent, child, vma, src, addr, next);
                    }
                }

                addr = next;
            }

            sys.Oracle?.CopyRange(parent, child, vma.Start, vma.End);
        }

        parent.Tlb.FlushAll();
        sys.Oracle?.Record(parent, 0, ulong.MaxValue, $"fork → mm {child.Id}");
        return child;
    }

    private static void CopyPtes(MmStruct parent, MmStruct child, Vma vma, PteTable src, ulong addr, ulong end)
    {
        var sys = parent.System;
        var ops = sys.Ops;
        var fmt = sys.Format;
        var mem = sys.Memory;
        var g = sys.Arch.Geometry;
        var cow = (vma.Flags & VmFlags.Shared) == 0 && (vma.Flags & VmFlags.Write) != 0;
        while (addr < end)
        {
            var srcPtep = src[g.PteIndex(addr)];
            var pte = ops.PtepGet(srcPtep);
            var nr = 1;
            if (pte.IsNone)
            {
                addr += g.PageSize;
                continue;
            }

            var dstPtep = child.PageTable.PtePointer(addr);
            if (fmt.IsSwapEntry(pte))
            {
                sys.Swap.Duplicate(fmt.SwapOffset(pte));
                ops.SetPteAt(child, addr, dstPtep, pte);
                addr += g.PageSize;
                continue;
            }

            var pfn = fmt.Pfn(pte);
            if (pfn != mem.ZeroPfn)
            {
                var folio = mem.FolioOf(pfn);
                var any = default(BatchBits);
                if (folio.NrPages > 1)
                {
                    nr = FolioPteBatch.Batch(ops, folio, srcPtep, pte, (int)((end - addr) >> g.PageShift),
                        ignoreDirty: (vma.Flags & VmFlags.Shared) != 0, out any);
                }

                if (any.Writable)
                {
                    pte = fmt.MkWrite(pte);
                }

                mem.AddMapcount(pfn, nr, +1);
                sys.Stats.ForkCopies++;
                if ((vma.Flags & VmFlags.Shared) == 0)
                {
                    // folio_try_dup_anon_rmap_ptes(): the pages are now shared; neither process may write them without a COW fault.
                    mem.SetAnonExclusive(pfn, nr, false);
                }

                if (cow && fmt.Write(pte))
                {
                    ops.WrprotectPtes(parent, addr, srcPtep, nr);
                    pte = fmt.WrProtect(pte);
                }
            }

            if ((vma.Flags & VmFlags.Shared) != 0)
            {
                pte = fmt.MkClean(pte);
            }

            ops.SetPtes(child, addr, dstPtep, fmt.MkOld(pte), nr);
            addr += (ulong)nr << g.PageShift;
        }
    }

    /// <summary>The pre-v6.9 loop: each present PTE is looked up, referenced, write-protected in the parent and set in the child on its own.</summary>
    /// <remarks>Kernel: copy_pte_range() → copy_present_pte() (v6.8): vm_normal_page(), folio_get() + folio_dup_file_rmap_pte()/folio_try_dup_anon_rmap_pte(), ptep_set_wrprotect(), set_pte_at().</remarks>
    private static void CopyPtesOneByOne(MmStruct parent, MmStruct child, Vma vma, PteTable src, ulong addr, ulong end)
    {
        var sys = parent.System;
        var ops = sys.Ops;
        var fmt = sys.Format;
        var mem = sys.Memory;
        var g = sys.Arch.Geometry;
        var cow = (vma.Flags & VmFlags.Shared) == 0 && (vma.Flags & VmFlags.Write) != 0;
        for (; addr < end; addr += g.PageSize)
        {
            var srcPtep = src[g.PteIndex(addr)];
            var pte = ops.PtepGet(srcPtep);
            if (pte.IsNone)
            {
                continue;
            }

            var dstPtep = child.PageTable.PtePointer(addr);
            if (fmt.IsSwapEntry(pte))
            {
                sys.Swap.Duplicate(fmt.SwapOffset(pte));
                ops.SetPteAt(child, addr, dstPtep, pte);
                continue;
            }

            var pfn = fmt.Pfn(pte);
            if (pfn != mem.ZeroPfn)
            {
                _ = mem.FolioOf(pfn);
                mem.AddMapcount(pfn, 1, +1);
                sys.Stats.ForkCopies++;
                if ((vma.Flags & VmFlags.Shared) == 0)
                {
                    // folio_try_dup_anon_rmap_pte(): the page is now shared; neither process may write it without a COW fault.
                    mem.SetAnonExclusive(pfn, 1, false);
                }

                if (cow && fmt.Write(pte))
                {
                    ops.PtepSetWrprotect(parent, addr, srcPtep);
                    pte = fmt.WrProtect(pte);
                }
            }

            if ((vma.Flags & VmFlags.Shared) != 0)
            {
                pte = fmt.MkClean(pte);
            }

            ops.SetPteAt(child, addr, dstPtep, fmt.MkOld(pte));
        }
    }
}
