using ArchPgtable.Contracts.Checking;
using ArchPgtable.Contracts.Generation;
using ArchPgtable.Contracts.Running;
using ArchPgtable.Contracts.World;
using ArchPgtable.Plugins;

namespace ArchPgtable.Contracts.Properties;

/// <summary>A property checked on generated page-table states (<see cref="Scenario"/>s).</summary>
internal abstract class ScenarioProperty(string helper, string aspect, string description)
    : ContractProperty(helper, aspect, description)
{
    /// <summary>Checks one case; fills <paramref name="report"/> when it is not null.</summary>
    internal abstract CaseOutcome Test(CaseEngine engine, Scenario scenario, CaseReport? report);

    /// <summary>True when the property says something about agents of <paramref name="variant"/>'s kind (default: all).</summary>
    internal virtual bool AppliesTo(AgentVariant variant) => true;

    /// <summary>
    /// Runs the cases once per kind of hardware agent the machine holds (<see cref="ContractOptions.Machine"/>; the
    /// build's single CPU without one): hardware races, state building and any agent access come from that agent.
    /// The first failing agent's result is returned, its counterexample naming the agent.
    /// </summary>
    internal override PropertyResult Run(ArchInstance arch, ContractOptions options)
    {
        PropertyResult? result = null;
        long cases = 0;
        var elapsed = TimeSpan.Zero;
        var machine = AgentVariant.For(arch, options.Machine);
        foreach (var variant in machine.Where(AppliesTo))
        {
            var engine = new CaseEngine(arch, variant, machine);
            var r = SampleRunner.Run(this, ScenarioGen.For(arch.Geometry), (s, report) =>
            {
                var outcome = Test(engine, s, report);
                if (report is not null && variant.Label is not null)
                {
                    report.Call = $"[agent {variant.Label}] {report.Call}";
                }

                return outcome;
            }, s => ScenarioShrinker.Candidates(s, arch.Geometry.ContPtes), options);
            cases += r.Cases;
            elapsed += r.Elapsed;
            result = r with { Cases = cases, Elapsed = elapsed };
            if (!r.Passed)
            {
                break;
            }
        }

        return result!;
    }
}
