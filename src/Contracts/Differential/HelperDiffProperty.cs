using System.Globalization;
using ArchPgtable.Contracts.Checking;
using ArchPgtable.Contracts.Generation;
using ArchPgtable.Contracts.Helpers;
using ArchPgtable.Contracts.Properties;
using ArchPgtable.Contracts.Running;
using ArchPgtable.Plugins;

namespace ArchPgtable.Contracts.Differential;

/// <summary>
/// One helper, two builds, the contract generator's states and calls: each state is built through
/// each build's own API, the call is made on both, and the raw table (setup and after the call), the
/// return value, an exception, the TLB maintenance (each flush's range, stride, level and sync, in order) and the fold/unfold counts must agree. A mismatch shrinks like a
/// contract counterexample.
/// </summary>
internal sealed class HelperDiffProperty(HelperContract contract, DiffSide a, DiffSide b)
    : ContractProperty(contract.Helper, "diff", $"{a.Label} and {b.Label} agree on {contract.Helper}: raw entries, return value, TLB maintenance")
{
    internal override PropertyResult Run(ArchInstance arch, ContractOptions options)
    {
        var ea = new CaseEngine(Recording(a.Arch, _flushesA));
        var eb = new CaseEngine(Recording(b.Arch, _flushesB));
        return SampleRunner.Run(this, ScenarioGen.For(a.Arch.Geometry), (s, r) => Test(ea, eb, s, r),
            s => ScenarioShrinker.Candidates(s, a.Arch.Geometry.ContPtes), options);
    }

    private readonly FlushLog _flushesA = new();
    private readonly FlushLog _flushesB = new();

    private static ArchInstance Recording(ArchInstance arch, FlushLog log) => new()
    {
        Arch = arch.Arch,
        Config = arch.Config,
        Geometry = arch.Geometry,
        Format = arch.Format,
        Ops = new FlushRecordingOps(arch.Ops, log),
        Hardware = arch.Hardware,
        Invariants = arch.Invariants,
        KnownFindings = arch.KnownFindings,
        Description = arch.Description,
    };

    private CaseOutcome Test(CaseEngine ea, CaseEngine eb, Scenario scenario, CaseReport? report)
    {
        var pa = ea.Prepare(contract, scenario, report, out var ca);
        var pb = eb.Prepare(contract, scenario, null, out var cb);
        var diffs = new List<string>();
        if (pa is not null || pb is not null)
        {
            if (pa == pb)
            {
                return CaseOutcome.Discard;
            }

            diffs.Add($"building the state: {a.Label} {Outcome(pa)}, {b.Label} {Outcome(pb)}");
            return Finish(ea, eb, ca, diffs, report);
        }

        CompareRaw(ea, eb, "after building the state (through each build's API)", diffs);
        if (diffs.Count > 0)
        {
            return Finish(ea, eb, ca, diffs, report);
        }

        _flushesA.Clear();
        _flushesB.Clear();
        var (ra, ka) = Call(ea, ca);
        var (rb, kb) = Call(eb, cb);
        var fa = ea.State.Failed ? ea.State.Violations[0] : null;
        var fb = eb.State.Failed ? eb.State.Violations[0] : null;
        if (fa != fb)
        {
            diffs.Add($"outcome: {a.Label} {fa ?? "returned"}, {b.Label} {fb ?? "returned"}");
        }

        if (ra != rb)
        {
            diffs.Add($"return value: {a.Label} {Describe(ea, ra)}, {b.Label} {Describe(eb, rb)}");
        }

        if (!_flushesA.Entries.SequenceEqual(_flushesB.Entries))
        {
            diffs.Add($"TLB maintenance, in order: {a.Label} {_flushesA}; {b.Label} {_flushesB}");
        }

        if (ka.Folds != kb.Folds || ka.Unfolds != kb.Unfolds)
        {
            diffs.Add(string.Create(CultureInfo.InvariantCulture,
                $"contpte folds/unfolds: {a.Label} {ka.Folds}/{ka.Unfolds}, {b.Label} {kb.Folds}/{kb.Unfolds}"));
        }

        CompareRaw(ea, eb, "after the call", diffs);
        return diffs.Count == 0 ? CaseOutcome.Pass : Finish(ea, eb, ca, diffs, report);
    }

    private (CallResult Result, CostSnapshot Cost) Call(CaseEngine e, in ResolvedCall call)
    {
        e.State.Begin(call);
        e.World.Recorder.Reset();
        e.Invoke(contract, call);
        return (e.State.Result, e.State.Cost);
    }

    private void CompareRaw(CaseEngine ea, CaseEngine eb, string when, List<string> diffs)
    {
        var wa = ea.World;
        var wb = eb.World;
        var start = Math.Min(wa.RegionStart, wb.RegionStart);
        var end = Math.Max(wa.RegionEnd, wb.RegionEnd);
        for (var i = start; i < end && diffs.Count < 8; i++)
        {
            var x = wa.Table.Peek(i);
            var y = wb.Table.Peek(i);
            if (x != y)
            {
                diffs.Add($"{when}: raw {wa.Where(i)}: {a.Label} {wa.Format.Describe(x)}, {b.Label} {wb.Format.Describe(y)}");
            }
        }
    }

    private CaseOutcome Finish(CaseEngine ea, CaseEngine eb, in ResolvedCall call, List<string> diffs, CaseReport? report)
    {
        if (report is not null)
        {
            report.Call = $"{contract.Describe(ea.World, call)} — {a.Label}: {a.Implementation(contract.Helper)}; {b.Label}: {b.Implementation(contract.Helper)}";
            report.CountBlocks(ea.World);
            report.Violations.AddRange(diffs);
            for (var i = ea.World.RegionStart; i < ea.World.RegionEnd; i++)
            {
                var x = ea.World.Table.Peek(i);
                var y = eb.World.Table.Peek(i);
                if (!x.IsNone || !y.IsNone)
                {
                    report.Entries.Add($"pte[{i}]: {a.Label} {ea.World.Format.Describe(x)}{(x == y ? " (same)" : $" | {b.Label} {eb.World.Format.Describe(y)}")}");
                }
            }
        }

        return CaseOutcome.Fail;
    }

    private static string Outcome(CaseOutcome? o) => o switch
    {
        null => "built it",
        CaseOutcome.Discard => "could not place the call",
        _ => "failed",
    };

    private static string Describe(CaseEngine e, CallResult r) =>
        string.Create(CultureInfo.InvariantCulture, $"(pte {e.World.Format.Describe(r.Pte)}, flag {r.Flag}, count {r.Count})");
}
