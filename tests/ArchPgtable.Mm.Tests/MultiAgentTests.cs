using ArchPgtable.Hardware;
using ArchPgtable.Mm.Operations;

namespace ArchPgtable.Mm.Tests;

/// <summary>Several agents on one page table: every agent's own TLB, shootdowns reaching CPUs and SMMU, per-agent counters.</summary>
public class MultiAgentTests
{
    private static ArchPgtable.Machines.MachineDescription Preset(Plugins.ArchInstance arch, string name) => arch.MachineSupportOrDefault.Find(name)!;

    [Fact]
    public void The_default_machine_is_one_cpu_with_the_options_tlb()
    {
        var (sys, _) = Machines.Create(Machines.Build("arm64-4k"), 0x10000);

        var agent = Assert.Single(sys.Agents);
        Assert.Same(agent, sys.DefaultAgent);
        Assert.Same(agent.Tlb, sys.Tlb);
        Assert.Equal(ContPolicy.Random, agent.ContPolicy);
    }

    [Fact]
    public void A_preset_builds_one_agent_per_description_with_its_effective_hardware()
    {
        var arch = Machines.Build("arm64-4k");
        var (sys, _) = Machines.Create(arch, 0x10000, machine: Preset(arch, "smmu-no-httu"));

        Assert.Equal(["cpu0", "cpu1", "cpu2", "cpu3", "smmu0"], sys.Agents.Select(a => a.Name));
        var smmu = sys.Agent("smmu0");
        Assert.True(smmu.IsDevice);
        Assert.False(smmu.Hardware.HardwareAccessFlag);
        Assert.Equal(ContPolicy.Accessed, smmu.ContPolicy);
        Assert.True(sys.Agent("cpu1").Hardware.HardwareAccessFlag);
    }

    [Theory]
    [InlineData("cpu1")]
    [InlineData("smmu0")]
    public void A_stale_entry_on_another_agent_keeps_translating_until_the_flush(string other)
    {
        var arch = Machines.Build("arm64-4k-nocontpte");
        var (sys, mm) = Machines.Create(arch, 0x10000, machine: Preset(arch, "smmu-httu"));
        var va = Machines.Base;
        var agent = sys.Agent(other);
        var written = sys.Mmu.Write(mm, va);
        Assert.Equal(written, sys.Mmu.Access(agent, mm, va, MemoryAccess.Read));
        Assert.Single(agent.Tlb.EntriesOf(mm.Id));

        // Core mm clears the PTE; until the flush, the other agent's TLB still translates the page.
        arch.Ops.PtepGetAndClear(mm, va, mm.PageTable.PtePointer(va));
        var faultsBefore = agent.Stats.Faults;
        Assert.Equal(written, sys.Mmu.Access(agent, mm, va, MemoryAccess.Read));
        Assert.Equal(faultsBefore, agent.Stats.Faults);

        mm.Tlb.FlushPage(va);
        Assert.Empty(agent.Tlb.EntriesOf(mm.Id));
        Assert.Equal(agent.IsDevice ? 1 : 0, agent.Stats.NotifierInvalidations);
        Assert.Equal(agent.IsDevice ? 0 : 1, agent.Stats.TlbInvalidations);
        sys.Mmu.Access(agent, mm, va, MemoryAccess.Read);
        Assert.Equal(faultsBefore + 1, agent.Stats.Faults);
    }

    [Fact]
    public void Munmap_shoots_down_every_cpu_and_the_smmu()
    {
        var arch = Machines.Build("arm64-4k");
        var (sys, mm) = Machines.Create(arch, 0x40000, folioOrder: 4, machine: Preset(arch, "smmu-httu"));
        Machines.WriteAll(sys, mm, Machines.Base, 0x40000);
        foreach (var agent in sys.Agents)
        {
            sys.Mmu.Access(agent, mm, Machines.Base, MemoryAccess.Read);
            Assert.NotEmpty(agent.Tlb.EntriesOf(mm.Id));
        }

        Munmap.Run(mm, Machines.Base, 0x40000);

        Assert.All(sys.Agents, a => Assert.Empty(a.Tlb.EntriesOf(mm.Id)));
        Assert.True(sys.Agent("smmu0").Stats.NotifierInvalidations > 0);
        Assert.Empty(sys.Oracle!.Losses);
        Assert.Throws<SegmentationFaultException>(() => sys.Mmu.Access(sys.Agent("smmu0"), mm, Machines.Base, MemoryAccess.Read));
    }

    [Fact]
    public void A_flush_that_reaches_only_the_issuing_cpu_leaves_a_stale_entry_reported_like_data_loss()
    {
        var arch = Machines.Build("arm64-4k");
        var (sys, mm) = Machines.Create(arch, 0x40000, folioOrder: 4, machine: Preset(arch, "smmu-httu"), localFlushOnly: true);
        Machines.WriteAll(sys, mm, Machines.Base, 0x40000);
        sys.Mmu.Access(sys.Agent("smmu0"), mm, Machines.Base + 0x3000, MemoryAccess.Read);

        Madvise.Free(mm, Machines.Base, 0x40000, MadviseFreeAlgorithm.New);

        var loss = Assert.Single(sys.Oracle!.Losses);
        Assert.Contains("stale TLB entry: smmu0 still caches 0x40000000", loss.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("bbml2", 0)]
    [InlineData("smmu-httu", 1)]
    public void Contpte_convert_elides_its_intermediate_flush_only_when_every_agent_has_bbml2_noabort(string preset, int intermediateFlushes)
    {
        var arch = Machines.Build("arm64-4k");
        var (sys, mm) = Machines.Create(arch, 0x10000, folioOrder: 4, machine: Preset(arch, preset));
        Machines.WriteAll(sys, mm, Machines.Base, 0x10000);
        Assert.True(Machines.Get(sys, mm, Machines.Base).Value != 0);
        var before = sys.Counters.Snapshot();

        // A single-entry wrprotect of a contiguous block unfolds it (contpte_convert) and does not flush itself.
        sys.Arch.Ops.PtepSetWrprotect(mm, Machines.Base + 0x3000, mm.PageTable.PtePointer(Machines.Base + 0x3000));

        var cost = sys.Counters.Snapshot() - before;
        Assert.Equal(1, cost.Unfolds);
        Assert.Equal(intermediateFlushes, cost.TlbFlushes);
        Assert.Equal(preset == "bbml2", sys.Arch.Description.Contains("BBML2_NOABORT", StringComparison.Ordinal));
    }

    [Fact]
    public void A_bbml2_machine_declares_the_partial_clean_finding()
    {
        var arch = Machines.Build("arm64-4k");
        var (bbml2, _) = Machines.Create(arch, 0x10000, machine: Preset(arch, "bbml2"));
        var (httu, _) = Machines.Create(arch, 0x10000, machine: Preset(arch, "smmu-httu"));

        Assert.Equal(["clear_young_dirty_ptes/contract", "mkold_clean_ptes/contract"], bbml2.Arch.KnownFindings.Select(f => f.Property));
        Assert.All(bbml2.Arch.KnownFindings, f => Assert.Contains("arch/arm64/mm/contpte.c", f.Reference, StringComparison.Ordinal));
        Assert.Empty(httu.Arch.KnownFindings);
    }

    [Fact]
    public void Bbml2_counts_only_when_every_agent_has_it()
    {
        var arch = Machines.Build("arm64-4k");
        Assert.True(Preset(arch, "bbml2").Bbml2NoAbort);
        Assert.False(Preset(arch, "smmu-httu").Bbml2NoAbort);
        var half = Preset(arch, "bbml2") with { Agents = [.. Preset(arch, "bbml2").Agents.Select((a, i) => i == 0 ? a with { Bbml2NoAbort = false } : a)] };
        Assert.False(half.Bbml2NoAbort);
    }
}
