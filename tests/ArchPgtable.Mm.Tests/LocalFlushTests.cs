using ArchPgtable.Hardware;
using ArchPgtable.Mm.Operations;

namespace ArchPgtable.Mm.Tests;

/// <summary>
/// Mainline arm64's local flush after a dirtying fault ("arm64, tlbflush: don't TLBI broadcast if page reused in write
/// fault"): <c>contpte_ptep_set_access_flags()</c> flushes the block with <c>local_flush_tlb_contpte()</c> and
/// <c>__ptep_set_access_flags()</c> the page with <c>local_flush_tlb_page()</c> — the faulting CPU, plus the SVA
/// devices through the mmu notifier, never the other CPUs. Another CPU keeps its cached entry; it is safe because
/// the entry maps the same page and grants a subset of what the live entry grants (the fault only added permissions).
/// </summary>
public class LocalFlushTests
{
    private const ulong Bytes = 0x10000;   // one 64 KiB folio: one contiguous block on 4K pages

    private static ArchPgtable.Machines.MachineDescription Preset(Plugins.ArchInstance arch, string name) => arch.MachineSupportOrDefault.Find(name)!;

    /// <summary>A written, then MADV_FREEd (clean, old) block that <paramref name="readers"/> have read (and cached clean).</summary>
    private static (MmSystem Sys, MmStruct Mm) CleanBlockCachedBy(string arch, string preset, params string[] readers)
    {
        var a = Machines.Build(arch);
        var (sys, mm) = Machines.Create(a, Bytes, folioOrder: 4, machine: Preset(a, preset));
        Machines.WriteAll(sys, mm, Machines.Base, Bytes);
        Madvise.Free(mm, Machines.Base, Bytes, MadviseFreeAlgorithm.New);
        foreach (var name in readers)
        {
            Assert.True(sys.Mmu.Access(sys.Agent(name), mm, Machines.Base, MemoryAccess.Read) >= 0);
            Assert.NotEmpty(sys.Agent(name).Tlb.EntriesOf(mm.Id));
        }

        return (sys, mm);
    }

    [Theory]
    [InlineData("arm64-4k")]
    [InlineData("arm64-4k-nocontpte")]
    public void A_dirtying_fault_flushes_only_the_faulting_cpu_and_another_cpu_keeps_a_stale_narrower_entry(string arch)
    {
        // CPUs without DBM: a store to a clean entry faults and the handler calls ptep_set_access_flags(dirty = 1).
        var (sys, mm) = CleanBlockCachedBy(arch, "no-dbm", "cpu0", "cpu1");
        var cpu0 = sys.Agent("cpu0");
        var cpu1 = sys.Agent("cpu1");
        var (inv0, inv1, faults1) = (cpu0.Stats.TlbInvalidations, cpu1.Stats.TlbInvalidations, cpu1.Stats.Faults);
        var flushes = sys.Counters.TlbFlushes;

        var written = sys.Mmu.Access(cpu0, mm, Machines.Base, MemoryAccess.Write);

        Assert.True(written > 0);
        Assert.Equal(flushes + 1, sys.Counters.TlbFlushes);
        Assert.Equal(inv0 + 1, cpu0.Stats.TlbInvalidations);
        Assert.Equal(inv1, cpu1.Stats.TlbInvalidations);                 // no broadcast: cpu1 was not told
        var stale = Assert.Single(cpu1.Tlb.EntriesOf(mm.Id));
        var live = mm.PageTable.PtePointer(Machines.Base).Read();
        Assert.NotEqual(live, stale.Descriptor);
        Assert.False(cpu1.Hardware.Translate(stale.Descriptor, MemoryAccess.Write).Ok);   // clean, no DBM: write not granted
        AssertNoCachedEntryGrantsMoreThanTheTable(sys, mm);

        // cpu1's store is not granted by its stale entry; it goes to the table, which now grants it: no fault, no loss.
        var again = sys.Mmu.Access(cpu1, mm, Machines.Base, MemoryAccess.Write);
        Assert.True(again > written);
        Assert.Equal(faults1, cpu1.Stats.Faults);
        Assert.Equal(again, sys.Mmu.Access(cpu0, mm, Machines.Base, MemoryAccess.Read));
        Assert.Empty(sys.Livelocks);
        Assert.Empty(sys.Oracle!.Losses);
    }

    [Fact]
    public void A_devices_dirtying_fault_is_handled_on_a_cpu_and_the_notifier_flushes_the_device()
    {
        // HAFDBS CPUs + an SMMU without HTTU: the SMMU's store to a clean entry faults; the handler runs on cpu0.
        var (sys, mm) = CleanBlockCachedBy("arm64-4k", "smmu-no-httu", "smmu0", "cpu1");
        var smmu = sys.Agent("smmu0");
        var cpu1 = sys.Agent("cpu1");
        var (notified, inv0, inv1) = (smmu.Stats.NotifierInvalidations, sys.Agent("cpu0").Stats.TlbInvalidations, cpu1.Stats.TlbInvalidations);

        Assert.True(sys.Mmu.Access(smmu, mm, Machines.Base, MemoryAccess.Write) > 0);

        Assert.True(smmu.Stats.NotifierInvalidations > notified);             // mmu_notifier_arch_invalidate_secondary_tlbs()
        Assert.True(sys.Agent("cpu0").Stats.TlbInvalidations > inv0);         // the CPU that ran the handler
        Assert.Equal(inv1, cpu1.Stats.TlbInvalidations);
        Assert.NotEmpty(cpu1.Tlb.EntriesOf(mm.Id));
        AssertNoCachedEntryGrantsMoreThanTheTable(sys, mm);
        Assert.Empty(sys.Livelocks);
        Assert.Empty(sys.Oracle!.Losses);
    }

    [Fact]
    public void The_kernel_cpu_is_the_faulting_cpu_only_while_its_fault_is_handled()
    {
        var (sys, mm) = CleanBlockCachedBy("arm64-4k", "no-dbm");
        var (cpu2, cpu3) = (sys.Agent("cpu2"), sys.Agent("cpu3"));
        var (inv2, inv3) = (cpu2.Stats.TlbInvalidations, cpu3.Stats.TlbInvalidations);
        Assert.Same(sys.DefaultAgent, sys.KernelCpu);

        sys.Mmu.Access(cpu2, mm, Machines.Base, MemoryAccess.Write);   // faults (no DBM): handled on cpu2

        Assert.Same(sys.DefaultAgent, sys.KernelCpu);
        Assert.Equal(inv2 + 1, cpu2.Stats.TlbInvalidations);
        Assert.Equal(inv3, cpu3.Stats.TlbInvalidations);
    }

    /// <summary>Every entry any agent caches maps the page the table maps and grants no access the table's entry does not.</summary>
    private static void AssertNoCachedEntryGrantsMoreThanTheTable(MmSystem sys, MmStruct mm)
    {
        var g = sys.Arch.Geometry;
        var fmt = sys.Format;
        foreach (var agent in sys.Agents)
        {
            foreach (var e in agent.Tlb.EntriesOf(mm.Id))
            {
                for (var page = 0; page < e.Pages; page++)
                {
                    var va = (e.BaseVpn + (ulong)page) << g.PageShift;
                    var live = mm.PageTable.PtePointer(va).Read();
                    Assert.Equal(fmt.Pfn(live), e.BasePfn + (ulong)page);
                    foreach (var access in new[] { MemoryAccess.Read, MemoryAccess.Write })
                    {
                        var cached = agent.Hardware.Translate(e.Descriptor, access);
                        if (cached.Ok && cached.Updated == e.Descriptor)
                        {
                            Assert.True(agent.Hardware.Translate(live, access).Ok,
                                $"{agent.Name} caches {fmt.Describe(e.Descriptor)} for 0x{va:x}, granting a {access} the table's {fmt.Describe(live)} does not");
                        }
                    }
                }
            }
        }
    }
}
