using ArchPgtable.Hardware;
using ArchPgtable.Mm.Memory;
using ArchPgtable.Mm.Tracing;

namespace ArchPgtable.Mm;

/// <summary>
/// The page-fault handler core mm runs when the MMU refuses an access: anonymous faults (the
/// enabled mTHP sizes that fit, largest first, then a base page; reclaim, then an out-of-memory record, when even that
/// fails), swap-in, write-protect faults (reuse or copy-on-write)
/// and access-flag / software-dirty faults, each through the architecture's helpers.
/// </summary>
/// <remarks>Kernel: handle_mm_fault() → handle_pte_fault(): do_anonymous_page(), do_swap_page(), do_wp_page(), ptep_set_access_flags().</remarks>
public sealed class FaultHandler
{
    private readonly MmSystem _system;

    internal FaultHandler(MmSystem system) => _system = system;

    /// <summary>When set, every helper call of the handler is appended with its return value (the Mmu sets it near the fault bound).</summary>
    internal List<string>? Trace { get; set; }

    /// <summary>Set by a fault that ran out of memory (an <see cref="OutOfMemory"/> was recorded); the MMU gives the access up.</summary>
    internal bool OutOfMemoryRaised { get; set; }

    /// <summary>Resolves a fault at <paramref name="va"/> so that the access can be retried.</summary>
    /// <exception cref="SegmentationFaultException">No VMA, or the VMA does not allow the access.</exception>
    /// <remarks>When no page can be had even after reclaim, an <see cref="OutOfMemory"/> is added to <see cref="MmSystem.OutOfMemory"/> and the entry is left as it was.</remarks>
    public void Handle(MmStruct mm, ulong va, MmuFaultKind kind, MemoryAccess access)
    {
        ArgumentNullException.ThrowIfNull(mm);
        if (_system.Tracer is { } tracer)
        {
            HandleTraced(tracer, mm, va, kind, access);
            return;
        }

        HandleFault(mm, va, kind, access);
    }

    /// <summary>
    /// Allocates a folio for a fault at <paramref name="va"/>: on failure reclaims (lazyfree, then swap) and returns
    /// false so the fault is retried (the walk sees what reclaim changed), or, when reclaim freed nothing, records an
    /// <see cref="OutOfMemory"/> and returns false.
    /// </summary>
    /// <remarks>Kernel: the allocator's slow path — __alloc_pages_direct_reclaim(), then __alloc_pages_may_oom() / VM_FAULT_OOM.</remarks>
    private bool AllocOrReclaim(MmStruct mm, ulong va, MemoryAccess access, int order, FolioFlags flags, out ulong head)
    {
        var mem = _system.Memory;
        if (mem.TryAllocFolio(order, flags, out head))
        {
            return true;
        }

        var freed = Operations.DirectReclaim.Run(_system, 1L << order);
        if (freed == 0)
        {
            _system.RecordOutOfMemory(new OutOfMemory(mm.Id, va, access, order, mem.AllocatedPages, mem.Pages, freed));
            OutOfMemoryRaised = true;
        }

        return false;
    }

    private void HandleTraced(TraceRecorder tracer, MmStruct mm, ulong va, MmuFaultKind kind, MemoryAccess access)
    {
        tracer.Begin("handle_mm_fault", "fault", TraceArg.Hex("address", va), TraceArg.Text("kind", kind.ToString()),
            TraceArg.Text("access", access == MemoryAccess.Write ? "FAULT_FLAG_WRITE" : "read"), TraceArg.Number("mm", mm.Id));
        var result = "VM_FAULT_SIGSEGV";
        try
        {
            HandleFault(mm, va, kind, access);
            result = "0";
        }
        finally
        {
            tracer.End("handle_mm_fault", "fault", TraceArg.Text("ret", result));
        }
    }

    private void HandleFault(MmStruct mm, ulong va, MmuFaultKind kind, MemoryAccess access)
    {
        _system.Stats.Faults++;
        var vma = mm.FindVma(va) ?? throw new SegmentationFaultException(va, "no VMA maps the address");
        var need = access == MemoryAccess.Write ? VmFlags.Write : VmFlags.Read;
        if ((vma.Flags & need) == 0)
        {
            throw new SegmentationFaultException(va, $"the VMA {vma} does not allow {access.ToString().ToLowerInvariant()}s ({kind} fault)");
        }

        var g = _system.Arch.Geometry;
        var addr = va & ~(g.PageSize - 1);
        if (_system.Arch.PmdOps is not null && Operations.HugePmd.HandleFault(mm, vma, addr, access, Trace))
        {
            return;
        }

        var ops = _system.Ops;
        var fmt = _system.Format;
        var ptep = mm.PageTable.PtePointer(addr);
        var pte = ops.PtepGet(ptep);
        Trace?.Add($"ptep_get(0x{addr:x}) = 0x{pte.Value:x} {fmt.Describe(pte)}");
        if (pte.IsNone)
        {
            DoAnonymousPage(mm, vma, addr, access);
        }
        else if (fmt.IsSwapEntry(pte))
        {
            DoSwapPage(mm, vma, addr, ptep, pte, access);
        }
        else if (access == MemoryAccess.Write && !fmt.Write(pte))
        {
            DoWpPage(mm, vma, addr, ptep, pte);
        }
        else
        {
            var entry = fmt.MkYoung(pte);
            if (access == MemoryAccess.Write)
            {
                entry = fmt.MkDirty(entry);
            }

            var changed = ops.PtepSetAccessFlags(mm, addr, ptep, entry, access == MemoryAccess.Write);
            Trace?.Add($"ptep_set_access_flags(0x{addr:x}, entry=0x{entry.Value:x}, dirty={(access == MemoryAccess.Write ? 1 : 0)}) = {(changed ? 1 : 0)}");
        }
    }

    private void DoAnonymousPage(MmStruct mm, Vma vma, ulong addr, MemoryAccess access)
    {
        var ops = _system.Ops;
        var fmt = _system.Format;
        var mem = _system.Memory;
        if (access == MemoryAccess.Read && _system.Options.UseZeroPage)
        {
            var zero = fmt.PfnPte(mem.ZeroPfn, vma.PageProt);
            ops.SetPteAt(mm, addr, mm.PageTable.PtePointer(addr), fmt.WrProtect(zero));
            return;
        }

        // alloc_anon_folio(): every suitable enabled order from the largest down; order 0 last, with reclaim.
        var orders = SuitableOrders(mm, vma, addr);
        var order = 0;
        ulong head = 0;
        var got = false;
        for (var o = mem.MaxPageOrder; o > 0 && !got; o--)
        {
            if ((orders & (1 << o)) != 0 && mem.TryAllocFolio(o, FolioFlags.Anon | FolioFlags.SwapBacked, out head))
            {
                order = o;
                got = true;
            }
        }

        if (!got && !AllocOrReclaim(mm, addr, access, 0, FolioFlags.Anon | FolioFlags.SwapBacked, out head))
        {
            return;
        }

        var nr = 1 << order;
        var start = addr & ~(((ulong)nr << _system.Arch.Geometry.PageShift) - 1);
        mem.AddMapcount(head, nr, +1);
        mem.SetAnonExclusive(head, nr, true);
        _system.Stats.AnonFolios++;
        var entry = fmt.PfnPte(head, vma.PageProt);
        if ((vma.Flags & VmFlags.Write) != 0)
        {
            entry = fmt.MkWrite(fmt.MkDirty(entry));
        }

        ops.SetPtes(mm, start, mm.PageTable.PtePointer(start), entry, nr);
    }

    /// <summary>Kernel: CONFIG_TRANSPARENT_HUGEPAGE (mm/Kconfig); an arch that does not declare it is treated as THP-capable.</summary>
    private const string TransparentHugepage = "CONFIG_TRANSPARENT_HUGEPAGE";

    /// <summary>The enabled mTHP orders (a bit each) whose naturally aligned range around <paramref name="addr"/> fits the VMA and is all pte_none.</summary>
    /// <remarks>Kernel: alloc_anon_folio() → thp_vma_allowable_orders(), thp_vma_suitable_orders(), pte_range_none()</remarks>
    private int SuitableOrders(MmStruct mm, Vma vma, ulong addr)
    {
        var orders = 0;
        var g = _system.Arch.Geometry;
        var tableBits = g.BitsPerLevel;
        var thp = _system.Options.Thp;
        if (_system.Arch.Config.Get(TransparentHugepage) == "n")
        {
            return 0; // CONFIG_TRANSPARENT_HUGEPAGE=n: the kernel maps no large anonymous folio, whatever the policy says.
        }

        // The PMD order is the huge fault's (create_huge_pmd()) when it maps PMDs; the PTE path then allocates only smaller orders.
        var largest = Operations.HugePmd.Enabled(_system) ? tableBits - 1 : tableBits;
        for (var order = Math.Min(largest, _system.Memory.MaxPageOrder); order > 0; order--)
        {
            if (!thp.IsEnabled(order))
            {
                continue;
            }

            var size = 1UL << (order + g.PageShift);
            var start = addr & ~(size - 1);
            if (start < vma.Start || start + size > vma.End)
            {
                continue;
            }

            var ptep = mm.PageTable.PtePointer(start);
            var allNone = true;
            for (var i = 0; i < 1 << order && allNone; i++)
            {
                allNone = _system.Ops.PtepGet(ptep + i).IsNone;
            }

            if (allNone)
            {
                orders |= 1 << order;
            }
        }

        return orders;
    }

    private void DoSwapPage(MmStruct mm, Vma vma, ulong addr, PtePointer ptep, Pte pte, MemoryAccess access)
    {
        var fmt = _system.Format;
        var mem = _system.Memory;
        var slot = fmt.SwapOffset(pte);
        var version = _system.Swap.Read(slot);
        if (!AllocOrReclaim(mm, addr, access, 0, FolioFlags.Anon | FolioFlags.SwapBacked | FolioFlags.Dirty, out var head))
        {
            return;
        }

        mem.SetVersionRaw(head, version);
        mem.AddMapcount(head, 1, +1);
        mem.SetAnonExclusive(head, 1, true);
        _system.Swap.Free(slot);
        _system.Stats.SwappedIn++;
        var entry = fmt.MkYoung(fmt.PfnPte(head, vma.PageProt));
        if (access == MemoryAccess.Write)
        {
            entry = fmt.MkWrite(fmt.MkDirty(entry));
        }

        _system.Ops.SetPteAt(mm, addr, ptep, entry);
    }

    private void DoWpPage(MmStruct mm, Vma vma, ulong addr, PtePointer ptep, Pte pte)
    {
        var ops = _system.Ops;
        var fmt = _system.Format;
        var mem = _system.Memory;
        var pfn = fmt.Pfn(pte);
        if (pfn != mem.ZeroPfn && (mem.AnonExclusive(pfn) || (mem.Mapcount(pfn) == 1 && !mem.Test(pfn, FolioFlags.SwapCache))))
        {
            // wp_can_reuse_anon_folio(): the only mapper may reuse the page, which makes it exclusive.
            mem.SetAnonExclusive(pfn, 1, true);
            var reuse = fmt.MkYoung(fmt.MkDirty(fmt.MkWrite(pte)));
            var changed = ops.PtepSetAccessFlags(mm, addr, ptep, reuse, dirty: true);
            Trace?.Add($"wp_page_reuse: ptep_set_access_flags(0x{addr:x}, entry=0x{reuse.Value:x}, dirty=1) = {(changed ? 1 : 0)}");
            return;
        }

        if (!AllocOrReclaim(mm, addr, MemoryAccess.Write, 0, FolioFlags.Anon | FolioFlags.SwapBacked, out var copy))
        {
            return;
        }

        mem.SetAnonExclusive(copy, 1, true);
        if (pfn != mem.ZeroPfn)
        {
            mem.SetVersionRaw(copy, mem.Version(pfn));
        }

        mem.AddMapcount(copy, 1, +1);
        _system.Stats.CowCopies++;
        var entry = fmt.MkYoung(fmt.MkWrite(fmt.MkDirty(fmt.PfnPte(copy, vma.PageProt))));
        ops.PtepGetAndClear(mm, addr, ptep);
        mm.Tlb.FlushPage(addr);
        ops.SetPteAt(mm, addr, ptep, entry);
        if (pfn != mem.ZeroPfn)
        {
            mem.AddMapcount(pfn, 1, -1);
            if (mem.FolioMapcount(pfn) == 0)
            {
                mem.FreeFolio(mem.HeadOf(pfn));
            }
        }
    }
}
