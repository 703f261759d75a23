namespace ArchPgtable.Mm.Hardware;

/// <summary>
/// The TLB maintenance of one address space: counts each flush and invalidates the mm's ASID in every agent's
/// <see cref="Tlb"/> — every CPU (broadcast TLBI / shootdown) and every device walker (the SVA mmu-notifier call).
/// A local flush (<see cref="FlushRangeLocal"/>) reaches only the CPU running the kernel code (the faulting CPU while
/// the fault handler runs; the default agent otherwise, and for a device's fault, whose handler runs on a CPU) and,
/// when it notifies, the device walkers: other CPUs keep what they cached.
/// Used by <see cref="MmStruct"/> and by anything else that drives the Mm TLB model directly (the contract suite's world).
/// </summary>
/// <remarks>Kernel: flush_tlb_page(), __flush_tlb_range(), flush_tlb_mm() for one mm, the local (non-broadcast)
/// variants, and mmu_notifier_arch_invalidate_secondary_tlbs() for the IOMMUs bound to it.</remarks>
public sealed class MmTlbFlusher : ITlbFlusher
{
    private readonly Tlb _tlb;
    private readonly MmAgent[] _others;
    private readonly MmAgent? _self;
    private readonly MmSystem? _system;
    private readonly bool _localOnly;
    private readonly int _asid;
    private readonly ArchGeometry _geometry;
    private readonly CostCounters _counters;

    /// <summary>Maintains one TLB.</summary>
    /// <param name="tlb">The TLB model.</param>
    /// <param name="asid">The address space's ASID in it.</param>
    /// <param name="geometry">Page size and contiguous-block size (block entries are invalidated whole).</param>
    /// <param name="counters">Where each flush is counted.</param>
    public MmTlbFlusher(Tlb tlb, int asid, ArchGeometry geometry, CostCounters counters)
    {
        ArgumentNullException.ThrowIfNull(tlb);
        ArgumentNullException.ThrowIfNull(geometry);
        ArgumentNullException.ThrowIfNull(counters);
        _tlb = tlb;
        _others = [];
        _asid = asid;
        _geometry = geometry;
        _counters = counters;
    }

    /// <summary>Maintains every agent's TLB of <paramref name="system"/>; with <see cref="MmOptions.LocalFlushOnly"/> (fault injection) only the default agent's.</summary>
    internal MmTlbFlusher(MmSystem system, int asid)
        : this(system.DefaultAgent.Tlb, asid, system.Arch.Geometry, system.Counters)
    {
        _system = system;
        _self = system.DefaultAgent;
        _localOnly = system.Options.LocalFlushOnly;
        _others = _localOnly ? [] : [.. system.Agents.Skip(1)];
    }

    /// <inheritdoc/>
    /// <remarks>Kernel: flush_tlb_page()</remarks>
    public void FlushPage(ulong addr)
    {
        _counters.FlushPage(addr);
        var vpn = addr >> _geometry.PageShift;
        Invalidate(vpn, vpn + 1);
    }

    /// <inheritdoc/>
    /// <remarks>Kernel: __flush_tlb_range()</remarks>
    public void FlushRange(ulong start, ulong end, ulong stride, bool lastLevel, bool sync)
    {
        _counters.FlushRange(start, end, stride, lastLevel, sync);
        Invalidate(start >> _geometry.PageShift, (end + _geometry.PageSize - 1) >> _geometry.PageShift);
    }

    /// <inheritdoc/>
    /// <remarks>Kernel: flush_tlb_mm()</remarks>
    public void FlushAll()
    {
        _counters.FlushAll();
        _tlb.InvalidateAsid(_asid);
        Count(_self);
        foreach (var agent in _others)
        {
            agent.Tlb.InvalidateAsid(_asid);
            Count(agent);
        }
    }

    /// <inheritdoc/>
    /// <remarks>Kernel: local_flush_tlb_contpte() / local_flush_tlb_page() (notify) and local_flush_tlb_page_nonotify()</remarks>
    public void FlushRangeLocal(ulong start, ulong end, ulong stride, bool notifySecondary)
    {
        if (end - start <= _geometry.PageSize)
        {
            _counters.FlushPage(start);   // local_flush_tlb_page(): one page, as flush_tlb_page() counts
        }
        else
        {
            _counters.FlushRange(start, end, stride, lastLevel: true, sync: true);
        }

        var startVpn = start >> _geometry.PageShift;
        var endVpn = (end + _geometry.PageSize - 1) >> _geometry.PageShift;
        if (_system is null)
        {
            _tlb.InvalidateRange(_asid, startVpn, endVpn, _geometry.ContPtes, PmdPages);
            return;
        }

        var cpu = _localOnly ? _self! : _system.KernelCpu;
        cpu.Tlb.InvalidateRange(_asid, startVpn, endVpn, _geometry.ContPtes, PmdPages);
        Count(cpu);
        if (!notifySecondary)
        {
            return;
        }

        foreach (var agent in _others)
        {
            if (agent.IsDevice)
            {
                agent.Tlb.InvalidateRange(_asid, startVpn, endVpn, _geometry.ContPtes, PmdPages);
                Count(agent);
            }
        }
    }

    private void Invalidate(ulong startVpn, ulong endVpn)
    {
        _tlb.InvalidateRange(_asid, startVpn, endVpn, _geometry.ContPtes, PmdPages);
        Count(_self);
        foreach (var agent in _others)
        {
            agent.Tlb.InvalidateRange(_asid, startVpn, endVpn, _geometry.ContPtes, PmdPages);
            Count(agent);
        }
    }

    /// <summary>Pages of a huge PMD entry once the system has mapped one (then flushes remove PMD entries too); 0 before.</summary>
    private int PmdPages => _system is { HasHugePmds: true } ? _geometry.PtrsPerPte : 0;

    private static void Count(MmAgent? agent)
    {
        if (agent is null)
        {
            return;
        }

        if (agent.IsDevice)
        {
            agent.Stats.NotifierInvalidations++;
        }
        else
        {
            agent.Stats.TlbInvalidations++;
        }
    }
}
