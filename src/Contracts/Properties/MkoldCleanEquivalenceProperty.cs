using System.Globalization;
using ArchPgtable.Contracts.Checking;
using ArchPgtable.Contracts.Generation;
using ArchPgtable.Contracts.Helpers;
using ArchPgtable.Contracts.Running;
using ArchPgtable.Contracts.World;

namespace ArchPgtable.Contracts.Properties;

/// <summary>
/// <c>mkold_clean_ptes/equals-clear_young_dirty_ptes</c>: on the same state and range,
/// <c>mkold_clean_ptes()</c> leaves every entry's ptep_get() view exactly as
/// <c>clear_young_dirty_ptes(…, CYDP_CLEAR_YOUNG | CYDP_CLEAR_DIRTY)</c> does.
/// </summary>
internal sealed class MkoldCleanEquivalenceProperty() : ScenarioProperty("mkold_clean_ptes", "equals-clear_young_dirty_ptes",
    "on the same state and range, mkold_clean_ptes() leaves every entry's ptep_get() view as clear_young_dirty_ptes(YOUNG|DIRTY) does")
{
    private static readonly MkoldCleanPtesContract Mkold = new();
    private static readonly ClearYoungDirtyPtesContract Cydp = new();

    internal override CaseOutcome Test(CaseEngine engine, Scenario scenario, CaseReport? report)
    {
        var prepared = engine.Prepare(Mkold, scenario, report, out var call);
        if (prepared is not null)
        {
            return prepared.Value;
        }

        var w = engine.World;
        call = call with { Flags = CydpFlags.Young | CydpFlags.Dirty };
        w.Save();
        engine.State.Begin(call);
        w.Recorder.Reset();
        engine.Invoke(Cydp, call);
        engine.State.End();
        var reference = new PteView[w.RegionLength];
        for (var i = w.RegionStart; i < w.RegionEnd; i++)
        {
            reference[i - w.RegionStart] = engine.State.After(i);
        }

        w.RestoreSaved();
        w.Recorder.Reset();
        engine.Invoke(Mkold, call);
        engine.State.End();
        var s = engine.State;
        for (var i = w.RegionStart; i < w.RegionEnd; i++)
        {
            var expected = reference[i - w.RegionStart];
            if (!s.After(i).SameView(expected))
            {
                s.Fail(string.Create(CultureInfo.InvariantCulture,
                    $"{w.Where(i)}: mkold_clean_ptes() leaves {s.After(i).Short()}, clear_young_dirty_ptes(YOUNG|DIRTY) leaves {expected.Short()}"));
            }
        }

        if (report is not null)
        {
            report.CountBlocks(w);
            report.Call = Mkold.Describe(w, call) + " vs " + Cydp.Describe(w, call);
            report.Violations.AddRange(s.Violations);
            s.ComputeWindow(afterToo: false);
            EntryTable.Render(s, report.Entries);
        }

        return s.Failed ? CaseOutcome.Fail : CaseOutcome.Pass;
    }
}
