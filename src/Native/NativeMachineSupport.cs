using ArchPgtable.Machines;
using ArchPgtable.Native.Interop;
using ArchPgtable.Plugins;

namespace ArchPgtable.Native;

/// <summary>
/// The model's machine support for a native instance: the same presets, agents and validation, and on a machine the native
/// helpers answer the shim's feature checks from it (<see cref="NativeFeatures.ForMachine"/>). When the taken C code makes
/// the BBML2 check and the machine has BBML2_NOABORT everywhere, the model's declared findings for that machine apply too
/// (the elided fold flush is then real kernel code).
/// </summary>
/// <remarks>Kernel: system_supports_bbml2_noabort(), cpu_has_hw_af()</remarks>
internal sealed class NativeMachineSupport(MachineSupport model, ArchInstance modelArch) : MachineSupport
{
    public override IReadOnlyList<MachineDescription> Presets => model.Presets;

    public override string? Validate(AgentSpec agent) => model.Validate(agent);

    public override EffectiveAgent Effective(AgentSpec agent) => model.Effective(agent);

    public override ArchInstance ForMachine(ArchInstance arch, MachineDescription machine)
    {
        ArgumentNullException.ThrowIfNull(arch);
        ArgumentNullException.ThrowIfNull(machine);
        if (arch.Ops is not NativePageTableOps ops)
        {
            return arch;
        }

        var features = NativeFeatures.ForMachine(machine, model);
        var findings = machine.Bbml2NoAbort && ops.Info.FeatureChecks.Contains(NativeFeature.Bbml2NoAbort)
            ? [.. arch.KnownFindings, .. model.ForMachine(modelArch, machine).KnownFindings.Except(modelArch.KnownFindings)]
            : arch.KnownFindings;
        var described = features.Describe() is { } d ? $"{arch.Description}; {d}" : arch.Description;
        return arch.WithOps(ops.WithFeatures(features), described).WithKnownFindings(findings);
    }
}
