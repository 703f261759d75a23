using ArchPgtable.Contracts.Checking;
using ArchPgtable.Contracts.Generation;
using ArchPgtable.Contracts.Running;

namespace ArchPgtable.Contracts.Properties;

/// <summary>
/// <c>arch/invariants</c>: every state reachable through the API (set_ptes of folios, CPU accesses
/// with their faults, single-entry write-protects, refolds, aging) keeps the arch's declared
/// invariants after every step, and then no TLB entry grants what ptep_get() does not report.
/// </summary>
internal sealed class SetupInvariantsProperty() : ScenarioProperty("arch", "invariants",
    "after every step that builds a state through the API (set_ptes, CPU accesses and their faults, ptep_set_wrprotect, refolds, aging) "
    + "the arch's declared invariants hold, and no TLB entry grants a mapping or store ptep_get() does not report")
{
    internal override CaseOutcome Test(CaseEngine engine, Scenario scenario, CaseReport? report)
    {
        var w = engine.World;
        var built = ScenarioBuilder.Build(w, scenario, reserveLastFolio: false, report?.Setup);
        if (built.SetupFailure is not null)
        {
            report?.Violations.Add(built.SetupFailure);
            report?.CountBlocks(w);
            return CaseOutcome.Fail;
        }

        var s = engine.State;
        s.Begin(new ResolvedCall(w.RegionStart, 0, CydpFlags.Young, false, Pte.None, false, 0));
        s.End();
        TlbChecks.Cached(s);
        if (report is not null)
        {
            report.CountBlocks(w);
            report.Call = "(no call: the state itself)";
            report.Violations.AddRange(s.Violations);
        }

        return s.Failed ? CaseOutcome.Fail : CaseOutcome.Pass;
    }
}
