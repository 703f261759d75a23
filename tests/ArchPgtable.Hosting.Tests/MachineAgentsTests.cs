using ArchPgtable.Hardware;
using ArchPgtable.Hosting.Configuration;
using ArchPgtable.Machines;
using ArchPgtable.Mm.Tracing;

namespace ArchPgtable.Hosting.Tests;

public sealed class MachineAgentsTests
{
    [Fact]
    public void A_preset_machine_gives_the_mm_every_agent_of_the_preset()
    {
        using var machine = ArchPgtableMachine.CreateBuilder().WithArch("arm64").WithMachine("smmu-no-httu").Build();

        Assert.Contains(machine.System.Agents, a => a.Spec.Kind == AgentKind.Smmu);
        Assert.True(machine.System.Agents.Count > 1);
        Assert.Equal(AgentKind.Cpu, machine.System.DefaultAgent.Spec.Kind);
    }

    [Fact]
    public void Without_a_machine_the_mm_has_the_one_cpu_of_the_arch()
    {
        using var machine = ArchPgtableMachine.Create("arm64");

        Assert.Single(machine.System.Agents);
    }

    [Fact]
    public void A_kernel_tree_error_names_the_option_the_embedder_set()
    {
        var e = Assert.Throws<ArchPgtableConfigurationException>(() =>
            ArchPgtableMachine.CreateBuilder().WithArch("arm64").Configure(o => o.KernelTree = "/nonexistent/linux").Build().Dispose());

        Assert.Equal("ArchPgtableOptions.KernelTree /nonexistent/linux: no such directory or tarball.", e.Message);
    }

    [Fact]
    public void An_unknown_preset_is_a_configuration_error_naming_it()
    {
        var e = Assert.Throws<ArchPgtableConfigurationException>(() => ArchPgtableMachine.CreateBuilder().WithArch("arm64").WithMachine("nosuch").Build().Dispose());

        Assert.StartsWith("ArchPgtableOptions.Machine 'nosuch' is not a preset of arm64", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_traced_access_by_a_device_agent_is_recorded_on_that_agents_thread_and_core_mm_stays_on_the_cpu()
    {
        var recorder = new TraceRecorder();
        using var machine = ArchPgtableMachine.CreateBuilder().WithArch("arm64").WithMachine("smmu-no-httu").WithTrace(recorder).Build();
        var smmu = machine.System.Agents.First(a => a.Spec.Kind == AgentKind.Smmu);
        machine.Map(0x4000_0000, 64 * 1024);

        var mark = recorder.Events.Count;
        machine.System.Mmu.Access(smmu, machine.Mm, 0x4000_0000, MemoryAccess.Write);
        var deviceEvents = recorder.Events.Skip(mark).ToList();
        mark = recorder.Events.Count;
        machine.Write(0x4000_1000);
        var cpuEvents = recorder.Events.Skip(mark).ToList();

        var smmuTid = recorder.Agents[smmu.Name];
        var cpuTid = recorder.Agents[machine.System.DefaultAgent.Name];
        Assert.NotEqual(smmuTid, cpuTid);
        Assert.Contains(deviceEvents, e => e.Name == "handle_mm_fault");
        Assert.All(deviceEvents, e => Assert.Equal(smmuTid, e.Tid));
        Assert.NotEmpty(cpuEvents);
        Assert.All(cpuEvents, e => Assert.Equal(cpuTid, e.Tid));
    }
}
