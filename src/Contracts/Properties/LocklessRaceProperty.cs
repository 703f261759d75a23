using System.Globalization;
using ArchPgtable.Contracts.Checking;
using ArchPgtable.Contracts.Generation;
using ArchPgtable.Contracts.Running;
using ArchPgtable.Contracts.World;
using ArchPgtable.Plugins;

namespace ArchPgtable.Contracts.Properties;

/// <summary>
/// <c>ptep_get_lockless/race</c>: a writer holding the PTL (get-and-clear with its unfold, wrprotect, a single-entry
/// wrprotect, <c>set_ptes</c> of a new folio with its fold, get-and-clear then <c>set_pte_at</c> of the same entry: an
/// unfold and refold) is interleaved, one PTE write at a time, with each of a lockless reader's PTE reads. The
/// reader's result must be <c>ptep_get()</c> of some state the writer passed through between the reader's first and
/// last read (linearizable): never a mix that drops young/dirty both neighbouring states report, nor a contiguous
/// block that is not one.
/// </summary>
internal sealed class LocklessRaceProperty() : ScenarioProperty("ptep_get_lockless", "race",
    "interleaved PTE write by PTE write with a PTL writer (get-and-clear/unfold, wrprotect, set_ptes/fold, refold), ptep_get_lockless() returns "
    + "ptep_get() of a state the writer passed through between the reader's first and last read")
{
    private const int MaxReads = 400000;

    /// <summary>Interleavings tried per case, drawn from the case's race seed.</summary>
    private const int Schedules = 96;

    /// <summary>The reader races software, not hardware: one run, whatever the machine.</summary>
    internal override PropertyResult Run(ArchInstance arch, ContractOptions options) => base.Run(arch, options with { Machine = null });

    /// <inheritdoc/>
    public override bool DependsOnMachine => false;

    internal override CaseOutcome Test(CaseEngine engine, Scenario scenario, CaseReport? report)
    {
        var w = engine.World;
        if (engine.Build(scenario, reserveLastFolio: true, report) is not { } built)
        {
            return CaseOutcome.Fail;
        }

        var idx = ScenarioBuilder.PickPresent(w, scenario.Call.StartPick);
        var writer = Writer(w, built, scenario.Call, idx);
        if (writer is null)
        {
            return CaseOutcome.Discard;
        }

        // The writer's PTE writes, in order, recorded once.
        w.Save();
        w.Recorder.Reset();
        w.Table.Observer = w.Recorder;
        try
        {
            writer.Value.Run();
        }
        catch (Exception e) when (ScenarioBuilder.IsHelperFailure(e))
        {
            return CaseOutcome.Discard;
        }
        finally
        {
            w.Table.Observer = null;
        }

        var writes = w.Recorder.Writes.Select(x => (x.Index, x.After)).ToArray();
        w.Touched(writes.Length == 0 ? 0 : writes.Max(x => x.Index) + 1);
        w.RestoreSaved();
        if (writes.Length == 0)
        {
            return CaseOutcome.Discard;
        }

        var c = w.Geometry.ContPtes;
        var anchor = writes[0].Index;
        var target = Math.Min(w.Table.Count - 1, (anchor & ~(c - 1)) + (int)((uint)scenario.Call.RaceLanding % (uint)c));
        var views = Views(w, writes, target);
        var interleaver = new Interleaver(writes);
        var reads = c + 2;
        var rng = new Random(scenario.Call.RaceSeed);
        for (var n = 0; n < Schedules; n++)
        {
            // A schedule: a writes before the first read; from read r0 on, `step` more writes before each read.
            var a = rng.Next(writes.Length + 1);
            var r0 = 1 + rng.Next(reads);
            var step = rng.Next(3) switch { 0 => writes.Length, 1 => 2, _ => 1 };
            var violation = ReadOnce(w, interleaver, target, views, a, r0, step);
            w.RestoreSaved();
            if (violation is not null)
            {
                if (report is not null)
                {
                    ReadOnce(w, interleaver, target, views, a, r0, step);
                    report.CountBlocks(w);
                    w.RestoreSaved();
                    report.CountBlocks(w);
                    report.Call = string.Create(CultureInfo.InvariantCulture,
                        $"writer (PTL held): {writer.Value.Name}, {writes.Length} PTE writes; lockless reader of {w.Where(target)}: its first {r0} read(s) after {a} write(s), then {step} more write(s) before each further read");
                    report.Writes.AddRange(writes.Select((x, i) => string.Create(CultureInfo.InvariantCulture, $"write {i + 1}: pte[{x.Index}] = {w.Format.Describe(x.After)}")));
                    report.Violations.Add(violation);
                }

                return CaseOutcome.Fail;
            }
        }

        return CaseOutcome.Pass;
    }

    /// <summary>ptep_get() of <paramref name="target"/> in every state S0 … Sn the writer passes through.</summary>
    private static Pte[] Views(ContractWorld w, (int Index, Pte After)[] writes, int target)
    {
        var views = new Pte[writes.Length + 1];
        views[0] = w.Ops.PtepGet(w.P(target));
        for (var k = 0; k < writes.Length; k++)
        {
            w.Table.Write(writes[k].Index, writes[k].After);
            views[k + 1] = w.Ops.PtepGet(w.P(target));
        }

        w.RestoreSaved();
        return views;
    }

    private static string? ReadOnce(ContractWorld w, Interleaver interleaver, int target, Pte[] views, int a, int r0, int step)
    {
        interleaver.Start(a, r0, step);
        Pte result;
        w.Table.Observer = interleaver;
        try
        {
            result = w.Ops.PtepGetLockless(w.P(target));
        }
        catch (TooManyReadsException)
        {
            return string.Create(CultureInfo.InvariantCulture, $"ptep_get_lockless() of {w.Where(target)} made more than {MaxReads} reads without returning");
        }
        catch (InvalidOperationException e)
        {
            return $"ptep_get_lockless() of {w.Where(target)} threw: {e.Message}";
        }
        finally
        {
            w.Table.Observer = null;
        }

        var (first, last) = (interleaver.FirstState, interleaver.LastState);
        for (var k = first; k <= last; k++)
        {
            if (views[k] == result)
            {
                return null;
            }
        }

        var window = string.Join("; ", Enumerable.Range(first, last - first + 1).Select(k => string.Create(CultureInfo.InvariantCulture, $"S{k}: {w.Format.Describe(views[k])}")));
        return string.Create(CultureInfo.InvariantCulture,
            $"ptep_get_lockless() of {w.Where(target)} returned {w.Format.Describe(result)}, which is ptep_get() of no state between its first read (S{first}) and its last (S{last}): {window}");
    }

    private static (string Name, Action Run)? Writer(ContractWorld w, BuiltState built, CallSpec call, int idx)
    {
        var ops = w.Ops;
        var mm = w.Mm;
        switch ((uint)call.Variant % 5)
        {
            case 3 when built.CallFolio is { } f:
                var pte = w.Format.PfnPte(f.Folio.StartPfn, f.Prot);
                return ($"set_ptes({w.Where(f.Index)}, nr = {f.Folio.NrPages})", () => ops.SetPtes(mm, w.Addr(f.Index), w.P(f.Index), pte, f.Folio.NrPages));
            case 3:
                return null;
            default:
                break;
        }

        if (idx < 0)
        {
            return null;
        }

        switch ((uint)call.Variant % 5)
        {
            case 0:
                return ($"ptep_get_and_clear({w.Where(idx)})", () => ops.PtepGetAndClear(mm, w.Addr(idx), w.P(idx)));
            case 1:
                var nr = PresentRun(w, idx, 1 + (int)((uint)call.LenPick % (uint)(2 * w.Geometry.ContPtes)));
                return ($"wrprotect_ptes({w.Where(idx)}, nr = {nr})", () => ops.WrprotectPtes(mm, w.Addr(idx), w.P(idx), nr));
            case 2:
                return ($"ptep_set_wrprotect({w.Where(idx)})", () => ops.PtepSetWrprotect(mm, w.Addr(idx), w.P(idx)));
            default:
                return ($"ptep_get_and_clear({w.Where(idx)}) then set_pte_at() of the same value (unfold, refold)", () => Refold(w, idx));
        }
    }

    /// <summary>Clears entry <paramref name="idx"/> and sets it back: an unfold of its block, then a refold.</summary>
    private static void Refold(ContractWorld w, int idx)
    {
        var old = w.Ops.PtepGetAndClear(w.Mm, w.Addr(idx), w.P(idx));
        w.Ops.SetPteAt(w.Mm, w.Addr(idx), w.P(idx), old);
    }

    /// <summary>At most <paramref name="want"/> entries from <paramref name="idx"/> that are present and map consecutive pages of one folio.</summary>
    private static int PresentRun(ContractWorld w, int idx, int want)
    {
        var f = w.Format;
        var pfn = f.Pfn(w.Table.Peek(idx));
        var folio = w.Mm.Folios.FirstOrDefault(p => p.Folio.Contains(pfn));
        var n = 1;
        while (n < want && idx + n < w.Table.Count && idx + n < w.RegionEnd)
        {
            var next = w.Table.Peek(idx + n);
            if (!f.Present(next) || f.Pfn(next) != pfn + (ulong)n || folio is null || !folio.Folio.Contains(pfn + (ulong)n))
            {
                break;
            }

            n++;
        }

        return n;
    }

    /// <summary>Applies the writer's writes between the reader's reads by a schedule.</summary>
    private sealed class Interleaver((int Index, Pte After)[] writes) : IPteAccessObserver
    {
        private int _applied;
        private int _reads;
        private int _a;
        private int _r0;
        private int _step;

        public int FirstState { get; private set; }

        public int LastState { get; private set; }

        public void Start(int a, int r0, int step)
        {
            (_a, _r0, _step, _reads, _applied) = (a, r0, step, 0, 0);
            (FirstState, LastState) = (0, 0);
        }

        public void BeforeAccess(PteTable table, int index, PteAccessKind kind)
        {
            if (kind != PteAccessKind.Read)
            {
                return;
            }

            if (++_reads > MaxReads)
            {
                throw new TooManyReadsException();
            }

            var j = _reads - 1;
            var k = j < _r0 ? _a : Math.Min(writes.Length, _a + ((j - _r0 + 1) * _step));
            k = Math.Min(k, writes.Length);
            var observer = table.Observer;
            table.Observer = null;
            while (_applied < k)
            {
                table.Write(writes[_applied].Index, writes[_applied].After);
                _applied++;
            }

            table.Observer = observer;
            if (_reads == 1)
            {
                FirstState = _applied;
            }

            LastState = _applied;
        }

        public void AfterAccess(PteTable table, int index, PteAccessKind kind, Pte before, Pte after)
        {
        }
    }

    private sealed class TooManyReadsException : Exception
    {
    }
}
