using ArchPgtable.Contracts.Checking;
using ArchPgtable.Contracts.Generation;
using ArchPgtable.Contracts.Helpers;
using ArchPgtable.Contracts.Running;

namespace ArchPgtable.Contracts.Properties;

/// <summary><c>helper/contract</c>: the helper's rules on the core-mm view, its write window, folds/unfolds, the arch invariants and TLB safety.</summary>
internal sealed class HelperContractProperty(HelperContract contract)
    : ScenarioProperty(contract.Helper, "contract", contract.Summary)
{
    public HelperContract Contract => contract;

    internal override CaseOutcome Test(CaseEngine engine, Scenario scenario, CaseReport? report) =>
        engine.RunContract(contract, scenario, report);
}
