using System.Globalization;
using ArchPgtable.Contracts.Checking;
using ArchPgtable.Contracts.Generation;
using ArchPgtable.Contracts.Running;
using ArchPgtable.Contracts.World;

namespace ArchPgtable.Contracts.Properties;

/// <summary>
/// <c>ptep_get/reports-hardware-ad</c>: after a CPU access to a page succeeds, <c>ptep_get()</c> of
/// that page — and of every entry of the block the hardware may cache as one and update on any of
/// its entries — reports young, and dirty after a store that set it; <c>ptep_get()</c> writes nothing.
/// </summary>
internal sealed class PtepGetGathersProperty() : ScenarioProperty("ptep_get", "reports-hardware-ad",
    "after a CPU access to a page, ptep_get() of that page and of every entry of its hardware block reports young (and dirty after a store that set it), "
    + "whichever entry of the block the hardware updated; ptep_get() writes nothing")
{
    internal override CaseOutcome Test(CaseEngine engine, Scenario scenario, CaseReport? report)
    {
        var w = engine.World;
        if (engine.Build(scenario, reserveLastFolio: false, report) is null)
        {
            return CaseOutcome.Fail;
        }

        var page = ScenarioBuilder.PickPresent(w, scenario.Call.StartPick);
        if (page < 0)
        {
            return CaseOutcome.Discard;
        }

        var write = scenario.Call.RaceWrite && w.Format.Write(w.Table.Peek(page));
        var outcome = w.Agent.Access(page, write, scenario.Call.RaceLanding, useTlb: false);
        if (outcome == HardwareOutcome.Faulted)
        {
            return CaseOutcome.Discard;
        }

        var target = w.Agent.LastTarget;
        var dirtySet = w.Format.Dirty(w.Table.Peek(target));
        var (start, count) = w.BlockOf(target);
        var violations = new List<string>();
        w.Recorder.Reset();
        w.Table.Observer = w.Recorder;
        try
        {
            for (var i = Math.Min(start, page); i < Math.Max(start + count, page + 1); i++)
            {
                var v = w.View(i);
                if (!v.Young || (dirtySet && write && !v.Dirty))
                {
                    violations.Add(string.Create(CultureInfo.InvariantCulture,
                        $"{w.Where(i)}: ptep_get() reports {v.Short()} after a CPU {(write ? "store" : "load")} to {w.Where(page)} that the hardware recorded on pte[{target}] ({w.Describe(target)})"));
                }
            }
        }
        finally
        {
            w.Table.Observer = null;
        }

        if (w.Recorder.Writes.Count > 0)
        {
            violations.Add($"ptep_get() made {w.Recorder.Writes.Count} write(s)");
        }

        if (report is not null)
        {
            report.CountBlocks(w);
            report.Call = string.Create(CultureInfo.InvariantCulture,
                $"CPU {(write ? "store" : "load")} to {w.Where(page)} ({outcome}, hardware updated pte[{target}]), then ptep_get() of pte[{Math.Min(start, page)}..{Math.Max(start + count, page + 1) - 1}]");
            report.Violations.AddRange(violations);
        }

        return violations.Count > 0 ? CaseOutcome.Fail : CaseOutcome.Pass;
    }
}
