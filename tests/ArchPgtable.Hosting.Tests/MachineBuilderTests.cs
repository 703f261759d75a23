using ArchPgtable.Hosting.Configuration;
using ArchPgtable.Hosting.Discovery;
using ArchPgtable.Mm;
using Microsoft.Extensions.DependencyInjection;

namespace ArchPgtable.Hosting.Tests;

/// <summary>Composition through the builder: plugins, configuration, errors naming the options, the services seam.</summary>
public sealed class MachineBuilderTests
{
    [Fact]
    public void Plugins_next_to_the_application_are_found_and_arm64_is_the_default()
    {
        using var machine = ArchPgtableMachine.CreateBuilder().Build();
        Assert.Contains("arm64", machine.Plugins.Arches);
        Assert.Contains("x86_64", machine.Plugins.Arches);
        Assert.Contains("riscv64", machine.Plugins.Arches);
        Assert.Contains("generic", machine.Plugins.Arches);
        Assert.Equal("arm64", machine.Arch.Arch);
        Assert.Equal("default", machine.Selection.Source);
    }

    [Fact]
    public void Without_the_default_folder_only_the_in_box_generic_arch_remains()
    {
        using var machine = ArchPgtableMachine.CreateBuilder().WithDefaultPluginDirectory(null).Build();
        Assert.Equal(["generic"], machine.Plugins.Arches);
        Assert.Equal("generic", machine.Arch.Arch);
    }

    [Fact]
    public void The_process_environment_is_ignored_unless_asked_for()
    {
        var env = EnvironmentVariables.From(new Dictionary<string, string> { ["ARCHPGTABLE_ARCH"] = "x86_64" });
        using (var machine = ArchPgtableMachine.CreateBuilder().Build())
        {
            Assert.Equal("arm64", machine.Arch.Arch);
        }

        using var fromEnv = ArchPgtableMachine.CreateBuilder().WithEnvironment(env).Build();
        Assert.Equal("x86_64", fromEnv.Arch.Arch);
    }

    [Fact]
    public void Set_assignments_reach_the_effective_config()
    {
        using var machine = ArchPgtableMachine.CreateBuilder().WithArch("arm64").Set("CONFIG_ARM64_CONTPTE=n").Build();
        Assert.False(machine.Config.IsEnabled("CONFIG_ARM64_CONTPTE"));
        Assert.Equal("__clear_young_dirty_ptes", Assert.Single(
            ArchPgtable.Generic.HelperBindings.Describe(machine.Ops), b => b.Name == "clear_young_dirty_ptes").Impl);
    }

    [Fact]
    public void An_unknown_arch_names_the_option_not_a_command_line_flag()
    {
        var e = Assert.Throws<ArchPgtableConfigurationException>(() => ArchPgtableMachine.Create("mips"));
        Assert.Equal("unknown arch 'mips' (from ArchPgtableOptions.Arch); arches found: arm64, generic, riscv64, x86_64.", e.Message);
    }

    [Fact]
    public void A_malformed_assignment_names_the_option()
    {
        var e = Assert.Throws<ArchPgtableConfigurationException>(() => ArchPgtableMachine.CreateBuilder().Set("DEBUG_VM=y").Build());
        Assert.StartsWith("ArchPgtableOptions.Set: assignment 1 malformed line 'DEBUG_VM=y'", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("--", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_arch_set_through_Set_names_the_option()
    {
        var e = Assert.Throws<ArchPgtableConfigurationException>(() => ArchPgtableMachine.CreateBuilder().Set("ARCH=mips").Build());
        Assert.Contains("(from ArchPgtableOptions.Set ARCH=)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_plugins_folder_is_an_error()
    {
        var e = Assert.Throws<ArchPgtableConfigurationException>(() => ArchPgtableMachine.CreateBuilder().WithPlugins("/nonexistent/plugins").Build());
        Assert.Equal("plugins folder '/nonexistent/plugins' does not exist.", e.Message);
    }

    [Fact]
    public void Services_added_by_the_embedder_win_and_the_machine_is_the_containers_singleton()
    {
        var marker = new object();
        using var machine = ArchPgtableMachine.CreateBuilder()
            .WithArch("generic")
            .ConfigureServices(s => s.AddSingleton(new MmOptions { Seed = 7, Oracle = false }).AddKeyedSingleton("marker", marker))
            .Build();
        Assert.Equal(7, machine.System.Options.Seed);
        Assert.Null(machine.System.Oracle);
        Assert.Same(machine.System, machine.Services.GetRequiredService<MmSystem>());
        Assert.Same(machine.Arch, machine.Services.GetRequiredService<Plugins.ArchInstance>());
        Assert.Same(marker, machine.Services.GetRequiredKeyedService<object>("marker"));
        Assert.Same(machine.Plugins, machine.Services.GetRequiredService<PluginCatalog>());
    }
}
