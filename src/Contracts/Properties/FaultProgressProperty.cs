using System.Globalization;
using ArchPgtable.Contracts.Checking;
using ArchPgtable.Contracts.Generation;
using ArchPgtable.Contracts.Running;
using ArchPgtable.Contracts.World;
using ArchPgtable.Hardware;

namespace ArchPgtable.Contracts.Properties;

/// <summary>
/// <c>ptep_set_access_flags/fault-progress</c>: when an agent's access to a present page faults (a read or write with
/// the access flag clear and no hardware AF, a write to a clean entry without hardware dirty, a write to a
/// write-protected page of a writable mapping that core mm reuses), the fault handler's call — <c>entry</c> built from
/// <c>ptep_get()</c> exactly as core mm builds it (<c>pte_mkyoung</c>, <c>pte_mkdirty</c> on a write, and
/// <c>pte_mkwrite</c> for the reuse) and <c>ptep_set_access_flags(entry, dirty)</c> — leaves every raw descriptor that
/// agent may evaluate for the page granting the access: its re-walk does not fault again. A helper that updates only
/// a sibling (the gathered view says "already young/dirty") makes a per-entry walker fault forever.
/// </summary>
internal sealed class FaultProgressProperty() : ScenarioProperty("ptep_set_access_flags", "fault-progress",
    "after an agent's access fault on a present page, the fault handler's ptep_set_access_flags() (entry built from ptep_get() as core mm builds it) "
    + "leaves every raw descriptor that agent may evaluate granting the access, so its re-walk does not fault again")
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

        var fmt = w.Format;
        var write = scenario.Call.RaceWrite;
        var access = write ? MemoryAccess.Write : MemoryAccess.Read;
        if (write && IsReadOnlyMapping(w, page))
        {
            return CaseOutcome.Discard;
        }

        if (w.Agent.Access(page, write, scenario.Call.RaceLanding, useTlb: false) != HardwareOutcome.Faulted)
        {
            return CaseOutcome.Discard;
        }

        var faultedOn = w.Agent.LastTarget;
        var faultedValue = w.Agent.LastBefore;
        var ptep = w.P(page);
        var pte = w.Ops.PtepGet(ptep);
        if (!fmt.Present(pte))
        {
            return CaseOutcome.Discard;
        }

        Pte entry;
        bool dirty;
        string path;
        if (write && !fmt.Write(pte))
        {
            entry = fmt.MkYoung(fmt.MkDirty(fmt.MkWrite(pte)));
            (dirty, path) = (true, "wp_page_reuse");
        }
        else
        {
            entry = fmt.MkYoung(pte);
            if (write)
            {
                entry = fmt.MkDirty(entry);
            }

            (dirty, path) = (write, "handle_pte_fault");
        }

        bool changed;
        try
        {
            changed = w.Ops.PtepSetAccessFlags(w.Mm, w.Addr(page), ptep, entry, dirty);
        }
        catch (ArgumentException e)
        {
            report?.Violations.Add("ptep_set_access_flags() rejected the fault handler's call: " + e.Message);
            return CaseOutcome.Fail;
        }

        var violations = new List<string>();
        foreach (var t in Evaluated(w, page))
        {
            var outcome = w.Hardware.Translate(w.Table.Peek(t), access);
            if (!outcome.Ok)
            {
                violations.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{w.Where(t)} = {w.Describe(t)}: the agent's re-walk of {w.Where(page)} evaluates it and takes a {outcome.Fault} fault again"));
            }
        }

        if (report is not null)
        {
            report.CountBlocks(w);
            report.Call = string.Create(CultureInfo.InvariantCulture,
                $"{(write ? "store" : "load")} to {w.Where(page)} faulted on pte[{faultedOn}] = {fmt.Describe(faultedValue)}; {path}: ptep_get() = {fmt.Describe(pte)}, "
                + $"ptep_set_access_flags(entry = {fmt.Describe(entry)}, dirty = {(dirty ? 1 : 0)}) returned {(changed ? 1 : 0)}");
            report.Violations.AddRange(violations);
        }

        return violations.Count > 0 ? CaseOutcome.Fail : CaseOutcome.Pass;
    }

    /// <summary>The raw entries the agent may evaluate for an access to <paramref name="page"/> now.</summary>
    private static IEnumerable<int> Evaluated(ContractWorld w, int page)
    {
        var (start, count) = w.BlockOf(page);
        if (count <= 1)
        {
            return [page];
        }

        return w.Variant.BlockEntry switch
        {
            Machines.BlockEntryChoice.Accessed => [page],
            Machines.BlockEntryChoice.First => [start],
            _ => Enumerable.Range(start, count).Where(t => w.Hardware.BlockEntries(w.Table.Peek(t)) == count),
        };
    }

    private static bool IsReadOnlyMapping(ContractWorld w, int page)
    {
        var readOnly = ScenarioBuilder.Prot(w, ProtKind.ReadOnly);
        return w.Mm.Folios.Any(f => page >= f.Index && page < f.Index + f.Folio.NrPages && f.Prot == readOnly);
    }
}
