using System.Text.Json.Serialization;
using ArchPgtable.Machines;
using ArchPgtable.Plugins;

namespace ArchPgtable.Host.Cli;

/// <summary>The machine section of <c>info</c>: the agents, what each can do and what is in force under the configuration.</summary>
internal sealed record InfoMachine(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("description")] string Description,
    [property: JsonPropertyName("bbml2_noabort")] bool Bbml2NoAbort,
    [property: JsonPropertyName("agents")] IReadOnlyList<InfoAgent> Agents,
    [property: JsonPropertyName("presets")] IReadOnlyList<string> Presets)
{
    public static InfoMachine From(ArchInstance arch, MachineDescription machine)
    {
        var support = arch.MachineSupportOrDefault;
        return new InfoMachine(machine.Name, machine.Description, machine.Bbml2NoAbort,
            [.. machine.Agents.Select(a => InfoAgent.From(support.Effective(a)))],
            [.. support.Presets.Select(p => p.Name)]);
    }
}

/// <summary>One agent: its capabilities (<c>can</c>) and the effective ones under the kernel configuration.</summary>
internal sealed record InfoAgent(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("can")] InfoAd Can,
    [property: JsonPropertyName("effective")] InfoAd Effective,
    [property: JsonPropertyName("block_entry")] string BlockEntry,
    [property: JsonPropertyName("tlb_entries")] int TlbEntries,
    [property: JsonPropertyName("bbml2_noabort")] bool Bbml2NoAbort,
    [property: JsonPropertyName("hardware")] string Hardware,
    [property: JsonPropertyName("note")] string Note)
{
    public static InfoAgent From(EffectiveAgent e) => new(
        e.Spec.Name,
        e.Spec.Kind.ToString().ToLowerInvariant(),
        new InfoAd(e.Spec.HardwareAccessFlag, e.Spec.HardwareDirty),
        new InfoAd(e.HardwareAccessFlag, e.HardwareDirty),
        e.Spec.BlockEntry.ToString().ToLowerInvariant(),
        e.Spec.TlbEntries,
        e.Spec.Bbml2NoAbort,
        e.Hardware.Description,
        e.Note);
}

/// <summary>Hardware access flag and hardware dirty.</summary>
internal sealed record InfoAd(
    [property: JsonPropertyName("access_flag")] bool AccessFlag,
    [property: JsonPropertyName("dirty")] bool Dirty);
