using System.Globalization;
using ArchPgtable.Contracts.Generation;
using ArchPgtable.Contracts.Helpers;
using ArchPgtable.Contracts.Running;
using ArchPgtable.Contracts.World;
using ArchPgtable.Plugins;

namespace ArchPgtable.Contracts.Checking;

/// <summary>
/// Runs one helper call on one generated state and checks it: the contract run (views, window,
/// writes, folds, invariants, TLB after the deferred flush) and the race run (the same call again
/// with one hardware access injected at each interleaving point).
/// </summary>
internal sealed class CaseEngine
{
    /// <summary>Interleaving points enumerated exhaustively up to this many; above it, <see cref="SampledPoints"/> are drawn.</summary>
    public const int EnumerateUpTo = 48;

    /// <summary>Points sampled when there are more than <see cref="EnumerateUpTo"/>.</summary>
    public const int SampledPoints = 24;

    public CaseEngine(ArchInstance arch, AgentVariant? variant = null, IReadOnlyList<AgentVariant>? machine = null)
    {
        World = new ContractWorld(arch, variant, machine);
        State = new CaseState(World);
    }

    public ContractWorld World { get; }

    public CaseState State { get; }

    /// <summary>
    /// Builds <paramref name="scenario"/>'s state in the world (with the last folio left free when
    /// <paramref name="reserveLastFolio"/>); null, with the setup failure reported, when it cannot be built:
    /// the case then fails.
    /// </summary>
    public BuiltState? Build(Scenario scenario, bool reserveLastFolio, CaseReport? report)
    {
        var built = ScenarioBuilder.Build(World, scenario, reserveLastFolio, report?.Setup);
        if (built.SetupFailure is null)
        {
            return built;
        }

        report?.Violations.Add("while building the state: " + built.SetupFailure);
        report?.CountBlocks(World);
        return null;
    }

    /// <summary>Builds the state and resolves the call; null when the case is discarded. A setup failure is reported as a failing outcome.</summary>
    public CaseOutcome? Prepare(HelperContract h, Scenario scenario, CaseReport? report, out ResolvedCall call)
    {
        call = default;
        if (Build(scenario, h.Shape == CallShape.NewMapping, report) is not { } built)
        {
            return CaseOutcome.Fail;
        }

        if (!h.TryResolve(World, built, scenario.Call, report?.Setup, out call))
        {
            return CaseOutcome.Discard;
        }

        return null;
    }

    /// <summary>Calls the helper with the recorder attached; an exception becomes a violation.</summary>
    public void Invoke(HelperContract h, in ResolvedCall call)
    {
        var cost0 = World.Counters.Snapshot();
        World.Table.Observer = World.Recorder;
        try
        {
            State.Result = h.Invoke(World, call);
        }
        catch (Exception ex) when (ScenarioBuilder.IsHelperFailure(ex))
        {
            State.Fail($"{h.Describe(World, call)} threw {ex.GetType().Name}: {ex.Message}");
        }
        finally
        {
            World.Table.Observer = null;
        }

        State.Cost = World.Counters.Snapshot() - cost0;
        foreach (var w in World.Recorder.Writes)
        {
            World.Touched(w.Index + 1);
        }
    }

    /// <summary>The contract run.</summary>
    public CaseOutcome RunContract(HelperContract h, Scenario scenario, CaseReport? report)
    {
        var prepared = Prepare(h, scenario, report, out var call);
        if (prepared is not null)
        {
            return prepared.Value;
        }

        State.Begin(call);
        World.Recorder.Reset();
        Invoke(h, call);
        State.End();
        State.ComputeWindow(h.WindowIncludesAfterBlocks);
        if (!State.Failed)
        {
            h.Check(State);
            FrameChecks.Invariants(State);
        }

        if (!State.Failed)
        {
            TlbChecks.AfterDeferredFlush(State);
        }

        if (report is not null)
        {
            Report(h, call, report);
        }

        return State.Failed ? CaseOutcome.Fail : CaseOutcome.Pass;
    }

    /// <summary>The race run: every (or a sample of the) interleaving point(s) of the call, one injected hardware access each.</summary>
    public CaseOutcome RunRace(HelperContract h, Scenario scenario, CaseReport? report)
    {
        var prepared = Prepare(h, scenario, report, out var call);
        if (prepared is not null)
        {
            return prepared.Value;
        }

        // No race where the kernel rules one out: with full=1 the whole mm is being torn down and no
        // CPU can touch it (x86's non-atomic ptep_get_and_clear_full relies on that), and the fault
        // path only ever passes ptep_set_access_flags a young entry (pte_mkyoung(orig_pte)).
        if (call.Full || (h is Helpers.PtepSetAccessFlagsContract && !World.Format.Young(call.Entry)))
        {
            return CaseOutcome.Pass;
        }

        World.Save();
        State.Begin(call);
        State.ComputeWindow(afterToo: false);
        World.Recorder.Reset();
        Invoke(h, call);
        var accesses = World.Recorder.Accesses;
        if (State.Failed || accesses < 2)
        {
            return State.Failed ? Finish(h, call, report) : CaseOutcome.Pass;
        }

        var page = RacePage(scenario.Call.RaceTarget);
        var write = scenario.Call.RaceWrite;
        foreach (var point in Points(accesses, scenario.Call.RaceSeed))
        {
            World.RestoreSaved();
            State.Violations.Clear();
            World.Recorder.Reset();
            World.Recorder.Arm(point, page, write, scenario.Call.RaceLanding);
            Invoke(h, call);
            State.End();
            if (!State.Failed)
            {
                CheckLost(h, World.Recorder.Injected);
                FrameChecks.Invariants(State);
            }

            if (State.Failed)
            {
                return Finish(h, call, report);
            }
        }

        return CaseOutcome.Pass;
    }

    private CaseOutcome Finish(HelperContract h, in ResolvedCall call, CaseReport? report)
    {
        if (report is not null)
        {
            State.End();
            Report(h, call, report);
            if (World.Recorder.Injected is { } inj)
            {
                report.Race = string.Create(CultureInfo.InvariantCulture,
                    $"before the helper's PTE access #{inj.Point}, a CPU {(inj.Write ? "store" : "load")} to {World.Where(inj.Page)} walked pte[{inj.Target}]: {inj.Outcome}, {World.Format.Describe(inj.Before)} -> {World.Format.Describe(inj.After)}");
            }
        }

        return CaseOutcome.Fail;
    }

    private void CheckLost(HelperContract h, InjectedUpdate? injected)
    {
        if (injected is not { Outcome: HardwareOutcome.Updated } inj)
        {
            return;
        }

        var f = World.Format;
        var youngSet = !f.Young(inj.Before) && f.Young(inj.After);
        var dirtySet = !f.Dirty(inj.Before) && f.Dirty(inj.After);
        var view = State.After(inj.Page);
        if (youngSet && !view.Young && !h.MayLose(State, inj.Page, dirty: false) && !h.Carries(State, inj.Page, dirty: false))
        {
            State.Fail(inj.Page, "lost the access flag a concurrent hardware access set (neither in ptep_get() nor in the return value, and the helper does not clear young here)");
        }

        if (dirtySet && !view.Dirty && !h.MayLose(State, inj.Page, dirty: true) && !h.Carries(State, inj.Page, dirty: true))
        {
            State.Fail(inj.Page, "lost the dirty state a concurrent hardware store set (neither in ptep_get() nor in the return value, and the helper does not clear dirty here)");
        }
    }

    private int RacePage(int target)
    {
        var lo = State.Call.Start;
        var hi = State.Call.End;
        for (var i = State.RegionStart; i < State.RegionEnd; i++)
        {
            if (State.InWindow(i))
            {
                lo = Math.Min(lo, i);
                hi = Math.Max(hi, i + 1);
            }
        }

        lo = Math.Max(State.RegionStart, lo - 1);
        hi = Math.Min(State.RegionEnd, hi + 1);
        return lo + (target % (hi - lo));
    }

    private static IEnumerable<int> Points(int accesses, int seed)
    {
        if (accesses - 1 <= EnumerateUpTo)
        {
            for (var k = 1; k < accesses; k++)
            {
                yield return k;
            }

            yield break;
        }

        var rng = new Random(seed);
        for (var k = 0; k < SampledPoints; k++)
        {
            yield return rng.Next(1, accesses);
        }
    }

    private void Report(HelperContract h, in ResolvedCall call, CaseReport report)
    {
        report.Call = h.Describe(World, call);
        report.CountBlocks(World);
        report.Violations.AddRange(State.Violations);
        if (World.Geometry.ContPtes > 1)
        {
            report.SignatureContext = World.Hardware.BlockEntries(new Pte(State.BeforeRaw(call.Start))) > 1
                ? "the call starts in a block"
                : "the call starts outside any block";
        }

        EntryTable.Render(State, report.Entries);
        report.Table = new CounterexampleTable(World.BaseVa, State.RegionStart,
            [.. Enumerable.Range(State.RegionStart, State.RegionEnd - State.RegionStart).Select(State.BeforeRaw)],
            [.. Enumerable.Range(State.RegionStart, State.RegionEnd - State.RegionStart).Select(State.AfterRaw)],
            call.Start, call.Nr);
        var writes = World.Recorder.Writes;
        for (var k = 0; k < writes.Count;)
        {
            var w = writes[k];
            var end = k + 1;
            while (end < writes.Count && Continues(writes[end - 1], writes[end]))
            {
                end++;
            }

            var which = end - k == 1
                ? string.Create(CultureInfo.InvariantCulture, $"pte[{w.Index}]")
                : string.Create(CultureInfo.InvariantCulture, $"pte[{w.Index}..{writes[end - 1].Index}]");
            report.Writes.Add($"{w.Kind} {which}: {World.Format.Describe(w.Before)} -> {World.Format.Describe(w.After)}{(end - k > 1 ? " (pfn +1 per entry)" : "")}");
            k = end;
        }
    }

    /// <summary>True when <paramref name="b"/> does to the next entry what <paramref name="a"/> did (same kind, same change, consecutive PFN).</summary>
    private bool Continues(RawWrite a, RawWrite b)
    {
        var f = World.Format;
        return b.Index == a.Index + 1 && b.Kind == a.Kind
            && f.Present(a.Before) && f.Present(b.Before) && f.Present(a.After) && f.Present(b.After)
            && f.Pgprot(a.Before) == f.Pgprot(b.Before) && f.Pgprot(a.After) == f.Pgprot(b.After)
            && f.Pfn(b.Before) == f.Pfn(a.Before) + 1 && f.Pfn(b.After) == f.Pfn(a.After) + 1;
    }
}
