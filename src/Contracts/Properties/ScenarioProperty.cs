using ArchPgtable.Contracts.Checking;
using ArchPgtable.Contracts.Generation;
using ArchPgtable.Contracts.Running;
using ArchPgtable.Plugins;

namespace ArchPgtable.Contracts.Properties;

/// <summary>A property checked on generated page-table states (<see cref="Scenario"/>s).</summary>
internal abstract class ScenarioProperty(string helper, string aspect, string description)
    : ContractProperty(helper, aspect, description)
{
    /// <summary>Checks one case; fills <paramref name="report"/> when it is not null.</summary>
    internal abstract CaseOutcome Test(CaseEngine engine, Scenario scenario, CaseReport? report);

    internal override PropertyResult Run(ArchInstance arch, ContractOptions options)
    {
        var engine = new CaseEngine(arch);
        return SampleRunner.Run(this, ScenarioGen.For(arch.Geometry), (s, r) => Test(engine, s, r), s => ScenarioShrinker.Candidates(s, arch.Geometry.ContPtes), options);
    }
}
