using ArchPgtable.Contracts.Checking;
using ArchPgtable.Contracts.Generation;
using ArchPgtable.Contracts.Helpers;
using ArchPgtable.Contracts.Running;
using ArchPgtable.Contracts.World;
using ArchPgtable.Plugins;

namespace ArchPgtable.Contracts.Properties;

/// <summary>
/// <c>helper/race</c>: between any two PTE-word accesses the helper makes, a CPU may access any
/// page around the range and the hardware may set the access flag or dirty state (by CAS, on any
/// entry of the page's block). No such update may be lost unless the helper's own semantics clear
/// that bit there, or its return value reports it. Scope: builds whose hardware sets A/D, and
/// helpers the arch provides (the include/linux/pgtable.h defaults are written for software-managed
/// A/D; see the README).
/// </summary>
internal sealed class HelperRaceProperty(HelperContract contract)
    : ScenarioProperty(contract.Helper, "race",
        "no concurrent hardware young/dirty update injected between two of its PTE accesses is lost, unless the helper clears that bit there or returns it")
{
    internal override string? SkipReason(ArchInstance arch, ContractOptions options)
    {
        if (!AgentVariant.For(arch, options.Machine).Any(AppliesTo))
        {
            return "the hardware model does not set access/dirty flags itself (no concurrent hardware update to race with)";
        }

        if (contract is PteBatchHintContract)
        {
            return "pte_batch_hint only reads";
        }

        if (!options.RaceOnDefaults && HelperImplementation.IsPgtableDefault(arch.Ops, contract.Member))
        {
            return "the include/linux/pgtable.h default is in force; it is not atomic against hardware A/D by design (arches with hardware A/D override it)";
        }

        return null;
    }

    /// <summary>Only agents whose hardware sets A/D race with the helper.</summary>
    internal override bool AppliesTo(AgentVariant variant) => variant.Hardware.HardwareAccessFlag;

    internal override CaseOutcome Test(CaseEngine engine, Scenario scenario, CaseReport? report) =>
        engine.RunRace(contract, scenario, report);
}
