using System.Globalization;
using ArchPgtable.Contracts.Checking;
using ArchPgtable.Contracts.Generation;
using ArchPgtable.Contracts.Running;

namespace ArchPgtable.Contracts.Properties;

/// <summary><c>ptep_get_lockless/agrees</c>: with nothing racing, <c>ptep_get_lockless()</c> returns what <c>ptep_get()</c> returns, for every entry, and writes nothing.</summary>
internal sealed class PtepGetLocklessProperty() : ScenarioProperty("ptep_get_lockless", "agrees",
    "with nothing racing, ptep_get_lockless() returns exactly ptep_get()'s value for every entry, and writes nothing")
{
    internal override CaseOutcome Test(CaseEngine engine, Scenario scenario, CaseReport? report)
    {
        var w = engine.World;
        if (engine.Build(scenario, reserveLastFolio: false, report) is null)
        {
            return CaseOutcome.Fail;
        }

        var failed = false;
        w.Recorder.Reset();
        w.Table.Observer = w.Recorder;
        try
        {
            for (var i = w.RegionStart; i < w.RegionEnd && !failed; i++)
            {
                var locked = w.Ops.PtepGet(w.P(i));
                var lockless = w.Ops.PtepGetLockless(w.P(i));
                if (locked != lockless)
                {
                    failed = true;
                    report?.Violations.Add(string.Create(CultureInfo.InvariantCulture,
                        $"{w.Where(i)}: ptep_get_lockless() = {w.Format.Describe(lockless)} but ptep_get() = {w.Format.Describe(locked)}"));
                }
            }
        }
        catch (InvalidOperationException ex)
        {
            failed = true;
            report?.Violations.Add("ptep_get_lockless() threw: " + ex.Message);
        }
        finally
        {
            w.Table.Observer = null;
        }

        if (w.Recorder.Writes.Count > 0)
        {
            failed = true;
            report?.Violations.Add($"ptep_get()/ptep_get_lockless() made {w.Recorder.Writes.Count} write(s)");
        }

        if (report is not null)
        {
            report.CountBlocks(w);
            report.Call = "ptep_get_lockless() and ptep_get() of every entry of the region";
        }

        return failed ? CaseOutcome.Fail : CaseOutcome.Pass;
    }
}
