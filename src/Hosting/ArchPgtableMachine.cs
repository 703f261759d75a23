using ArchPgtable.Hosting.Configuration;
using ArchPgtable.Hosting.Discovery;
using ArchPgtable.Kconfig;
using ArchPgtable.Mm;
using ArchPgtable.Mm.Operations;
using ArchPgtable.Mm.Oracle;
using ArchPgtable.Mm.Tracing;
using ArchPgtable.Plugins;
using Microsoft.Extensions.DependencyInjection;
using ForkOperation = ArchPgtable.Mm.Operations.Fork;
using MunmapOperation = ArchPgtable.Mm.Operations.Munmap;
using ReclaimOperation = ArchPgtable.Mm.Operations.Reclaim;

namespace ArchPgtable.Hosting;

/// <summary>
/// One simulated machine of a chosen architecture, ready to use: map memory, read and write it
/// through the MMU, call the page-table helpers, run core-mm operations, read the counters. Every
/// operation acts on <see cref="Mm"/> unless an address space is passed.
/// </summary>
/// <example>
/// <code>
/// using var machine = ArchPgtableMachine.CreateBuilder().WithArch("arm64").Set("CONFIG_ARM64_CONTPTE=y").Build();
/// machine.Map(0x4000_0000, 1 &lt;&lt; 20);
/// machine.WriteRange(0x4000_0000, 1 &lt;&lt; 20);
/// machine.MadviseFree(0x4000_0000, 1 &lt;&lt; 20);
/// Console.WriteLine(machine.Counters.TlbFlushes);
/// </code>
/// </example>
public sealed class ArchPgtableMachine : IDisposable
{
    private readonly ServiceProvider _provider;

    internal ArchPgtableMachine(ServiceProvider provider)
    {
        _provider = provider;
        Selection = provider.GetRequiredService<ArchSelection>();
        System = provider.GetRequiredService<MmSystem>();
        Mm = System.CreateMm();
    }

    /// <summary>A builder: arch, configuration, plugin folders, machine options, services.</summary>
    public static ArchPgtableMachineBuilder CreateBuilder() => new();

    /// <summary>Builds a machine for <paramref name="arch"/> with its defconfig and the plugins next to the application.</summary>
    /// <exception cref="ArchPgtableConfigurationException">The arch is not among the plugins found.</exception>
    public static ArchPgtableMachine Create(string arch) => CreateBuilder().WithArch(arch).Build();

    /// <summary>
    /// The container the machine was composed from: <see cref="ArchPgtableOptions"/>, <see cref="PluginCatalog"/>,
    /// <see cref="ArchSelection"/>, <see cref="ArchInstance"/> and its parts, <see cref="MmOptions"/>,
    /// <see cref="MmSystem"/>, and whatever <see cref="ArchPgtableMachineBuilder.ConfigureServices"/> added.
    /// </summary>
    public IServiceProvider Services => _provider;

    /// <summary>Every plugin found, with the load diagnostics of those skipped.</summary>
    public PluginCatalog Plugins => _provider.GetRequiredService<PluginCatalog>();

    /// <summary>The selected arch and what selected it (an option, a config line, or the default rule).</summary>
    public ArchSelection Selection { get; }

    /// <summary>The built architecture: config, geometry, PTE format, helpers, hardware model.</summary>
    public ArchInstance Arch => System.Arch;

    /// <summary>The effective configuration and the warnings resolving it produced.</summary>
    public EffectiveConfig Config => Arch.Config;

    /// <summary>The page size, PTEs per table, contiguous-block size.</summary>
    public ArchGeometry Geometry => Arch.Geometry;

    /// <summary>The arch's PTE encoding (<c>pte_young</c>, <c>pte_mkclean</c>, <c>pfn_pte</c>, …).</summary>
    public IPteFormat Format => Arch.Format;

    /// <summary>The page-table helpers in force: the generic defaults and the arch's overrides.</summary>
    /// <remarks>Kernel: include/linux/pgtable.h and the arch's asm/pgtable.h. A helper does not flush the TLB for the entries it changes; see <see cref="FlushTlbRange"/>.</remarks>
    public IPageTableOps Ops => System.Ops;

    /// <summary>The trace recorder given to <see cref="ArchPgtableMachineBuilder.WithTrace"/>, or null (nothing is traced and nothing costs).</summary>
    /// <remarks>Write it with <see cref="ChromeTraceWriter"/> (Perfetto, chrome://tracing) or <see cref="FtraceTextWriter"/>.</remarks>
    public TraceRecorder? Trace => System.Tracer;

    /// <summary>The simulated machine: physical memory, swap, TLB, MMU, fault handler, counters, oracle.</summary>
    public MmSystem System { get; }

    /// <summary>The address space created with the machine.</summary>
    public MmStruct Mm { get; }

    /// <summary>PTE, TLB, fold/unfold and split counts so far (subtract two snapshots for one operation).</summary>
    public CostSnapshot Counters => System.Counters.Snapshot();

    /// <summary>Core-mm event counts: faults, folios made lazyfree, COW copies, swaps, TLB hits and misses.</summary>
    public MmStats Stats => System.Stats;

    /// <summary>Reads that returned anything but the last version written (empty when the oracle is off).</summary>
    public IReadOnlyList<DataLoss> DataLosses => System.Oracle?.Losses ?? [];

    /// <summary>Maps an anonymous private range, populated on first touch.</summary>
    /// <exception cref="ArgumentException">Unaligned, empty, outside the address space or overlapping a mapping.</exception>
    /// <remarks>Kernel: mmap(MAP_ANONYMOUS | MAP_PRIVATE | MAP_FIXED_NOREPLACE)</remarks>
    public Vma Map(ulong start, ulong length, VmFlags flags = VmFlags.Read | VmFlags.Write, MmStruct? mm = null) =>
        (mm ?? Mm).Mmap(start, length, flags);

    /// <summary>Reads the page at <paramref name="va"/> through the TLB and MMU; returns the content version read.</summary>
    /// <exception cref="SegmentationFaultException">The access cannot be resolved.</exception>
    public int Read(ulong va, MmStruct? mm = null) => System.Mmu.Read(mm ?? Mm, va);

    /// <summary>Writes the page at <paramref name="va"/> through the TLB and MMU; returns the new content version.</summary>
    /// <exception cref="SegmentationFaultException">The access cannot be resolved.</exception>
    public int Write(ulong va, MmStruct? mm = null) => System.Mmu.Write(mm ?? Mm, va);

    /// <summary>Writes every page of <c>[start, start+length)</c>, faulting it in.</summary>
    /// <exception cref="SegmentationFaultException">An access cannot be resolved.</exception>
    public void WriteRange(ulong start, ulong length, MmStruct? mm = null)
    {
        for (var va = start; va < start + length; va += Geometry.PageSize)
        {
            Write(va, mm);
        }
    }

    /// <summary>The PTE pointer for <paramref name="va"/>, allocating its PTE table if needed: what a helper takes as <c>ptep</c>.</summary>
    /// <remarks>Kernel: pte_offset_map_lock()</remarks>
    public PtePointer PtePointer(ulong va, MmStruct? mm = null) => (mm ?? Mm).PageTable.PtePointer(va);

    /// <summary>The entry for <paramref name="va"/> as core mm sees it (gathered across a contiguous block).</summary>
    /// <remarks>Kernel: ptep_get()</remarks>
    public Pte PtepGet(ulong va, MmStruct? mm = null) => Ops.PtepGet(PtePointer(va, mm));

    /// <summary>
    /// Flushes <c>[start, start+length)</c> from the TLB, as the caller of a page-table helper must after
    /// changing entries (the mm operations do it through their mmu_gather).
    /// </summary>
    /// <remarks>Kernel: tlb_finish_mmu() → flush_tlb_range()</remarks>
    public void FlushTlbRange(ulong start, ulong length, MmStruct? mm = null) =>
        (mm ?? Mm).Tlb.FlushRange(start, start + length, Geometry.PageSize, lastLevel: true, sync: true);

    /// <summary>MADV_FREE over the range, with the v6.10 batched algorithm by default.</summary>
    /// <remarks>Kernel: madvise(MADV_FREE) → madvise_free_pte_range()</remarks>
    public void MadviseFree(ulong start, ulong length, MadviseFreeAlgorithm algorithm = MadviseFreeAlgorithm.New, MmStruct? mm = null) =>
        Madvise.Free(mm ?? Mm, start, length, algorithm);

    /// <summary>MADV_COLD over the range: clears young on every PTE.</summary>
    /// <remarks>Kernel: madvise(MADV_COLD) → madvise_cold_or_pageout_pte_range()</remarks>
    public void MadviseCold(ulong start, ulong length, MmStruct? mm = null) => Madvise.Cold(mm ?? Mm, start, length);

    /// <summary>Forks the address space: a child sharing every anonymous page copy-on-write.</summary>
    /// <remarks>Kernel: fork() → dup_mmap() → copy_pte_range()</remarks>
    public MmStruct Fork(MmStruct? mm = null) => ForkOperation.Run(mm ?? Mm);

    /// <summary>Unmaps the range, freeing its folios after the TLB flush.</summary>
    /// <remarks>Kernel: munmap() → zap_pte_range()</remarks>
    public void Munmap(ulong start, ulong length, MmStruct? mm = null) => MunmapOperation.Run(mm ?? Mm, start, length);

    /// <summary>Reclaims every folio mapped in the range; returns each folio's head PFN and what became of it.</summary>
    /// <remarks>Kernel: shrink_folio_list()</remarks>
    public IReadOnlyList<(ulong Folio, ReclaimOutcome Outcome)> Reclaim(ulong start, ulong length, MmStruct? mm = null) =>
        ReclaimOperation.Range(mm ?? Mm, start, length);

    /// <summary>Disposes the container and with it the plugin catalog.</summary>
    public void Dispose() => _provider.Dispose();
}
