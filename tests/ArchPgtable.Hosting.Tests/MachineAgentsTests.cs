using ArchPgtable.Hosting.Configuration;
using ArchPgtable.Machines;

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
    public void An_unknown_preset_is_a_configuration_error_naming_it()
    {
        var e = Assert.Throws<ArchPgtableConfigurationException>(() => ArchPgtableMachine.CreateBuilder().WithArch("arm64").WithMachine("nosuch").Build().Dispose());

        Assert.Contains("nosuch", e.Message, StringComparison.Ordinal);
    }
}
