using System.Text.Json.Serialization;
using ArchPgtable.Generic;
using ArchPgtable.Hosting.Configuration;
using ArchPgtable.Hosting.Discovery;
using ArchPgtable.Native;
using ArchPgtable.Plugins;
using Microsoft.Extensions.DependencyInjection;

namespace ArchPgtable.Host.Cli;

/// <summary>What <c>info</c> reports; serialized as is by <c>--json</c>.</summary>
internal sealed record InfoReport(
    [property: JsonPropertyName("arch")] string Arch,
    [property: JsonPropertyName("plugins")] IReadOnlyList<InfoPluginRow> Plugins,
    [property: JsonPropertyName("diagnostics")] IReadOnlyList<string> Diagnostics,
    [property: JsonPropertyName("config")] IReadOnlyDictionary<string, string> Config,
    [property: JsonPropertyName("warnings")] IReadOnlyList<string> Warnings,
    [property: JsonPropertyName("helpers")] IReadOnlyList<InfoHelperRow> Helpers)
{
    /// <summary>Contract properties the build declares it violates because upstream does (verify reports them as XFAIL).</summary>
    [JsonPropertyName("known_findings")]
    public IReadOnlyList<KnownFinding> KnownFindings { get; init; } = [];

    /// <summary>The machine (<c>--machine</c>) and its agents' capabilities under this configuration.</summary>
    [JsonPropertyName("machine")]
    public InfoMachine? Machine { get; init; }

    /// <summary>The selected build's description.</summary>
    /// <summary>With --kernel-tree: where the native helpers came from (tree, kernel version, patch, each helper's C function and file); else null.</summary>
    [JsonPropertyName("native")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public NativeBuildInfo? Native { get; init; }

    [JsonIgnore]
    public string Description { get; init; } = "";

    /// <summary>What selected the arch.</summary>
    [JsonIgnore]
    public string ArchSource { get; init; } = "";

    /// <summary>The diagnostics with their severity, for the text view.</summary>
    [JsonIgnore]
    public IReadOnlyList<PluginDiagnostic> PluginDiagnostics { get; init; } = [];

    /// <summary>Gathers the report from the composed services.</summary>
    public static InfoReport From(IServiceProvider services)
    {
        var catalog = services.GetRequiredService<PluginCatalog>();
        var selection = services.GetRequiredService<ArchSelection>();
        var machine = services.GetRequiredService<ArchPgtable.Machines.MachineDescription>();
        var instance = services.GetRequiredService<ArchInstance>();
        var onMachine = instance.MachineSupportOrDefault.ForMachine(instance, machine);
        var ops = services.GetRequiredService<IPageTableOps>();
        var config = instance.Config;
        return new InfoReport(
            selection.Arch,
            [.. catalog.Plugins.Select(p => new InfoPluginRow(p.Arch, p.AssemblyPath, p.Version))],
            [.. catalog.Diagnostics.Select(d => d.ToString())],
            config.Values,
            config.Warnings,
            [.. HelperBindings.Describe(ops).Select(b =>
                new InfoHelperRow(b.Name, Provider(b, selection.Arch, ops), b.Impl))])
        {
            Description = onMachine.Description,
            KnownFindings = onMachine.KnownFindings,
            Machine = InfoMachine.From(instance, machine),
            Native = NativeArch.BuildInfoOf(ops),
            ArchSource = selection.Source,
            PluginDiagnostics = catalog.Diagnostics,
        };
    }

    private static string Provider(HelperBinding binding, string arch, IPageTableOps ops) =>
        !binding.IsOverride ? GenericArchPlugin.ArchName : NativeArch.BuildInfoOf(ops) is null ? arch : arch + " (native C)";
}
