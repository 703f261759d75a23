using static ArchPgtable.Arm64.Arm64PteBits;

namespace ArchPgtable.Arm64.Tests.Support;

/// <summary>
/// The reusable check: build a scenario, run a helper, and list every broken rule of the
/// clear_young_dirty_ptes contract (kernel reference §4.3, rules 1–3) on what ptep_get reports
/// and on the raw table. A correct arm64 override yields no violations; the v4 override does.
/// </summary>
public static class CydpScenarioCheck
{
    public static ScenarioReport Run(World w, CydpScenario scenario, string helper) =>
        Run(w, scenario, r => CydpHelper.Run(helper, w, r));

    public static ScenarioReport Run(World w, CydpScenario scenario, Action<ScenarioRange> helper)
    {
        ArgumentNullException.ThrowIfNull(helper);
        var range = CydpScenarios.Setup(w, scenario);
        var before = w.Snapshot();
        var cost0 = w.Mm.Cost.Snapshot();
        helper(range);
        var report = new ScenarioReport { Cost = w.Mm.Cost.Snapshot() - cost0 };
        var after = w.Snapshot();

        CheckLogical(w, range, report);
        CheckCollateral(w, range, before, after, report);
        CheckStructural(w, before, after, report);
        if (report.Cost.Folds != 0 || report.Cost.Unfolds != 0 || report.Cost.TlbFlushes != 0)
        {
            report.CostViolations.Add($"cost: {report.Cost.Folds} folds, {report.Cost.Unfolds} unfolds, {report.Cost.TlbFlushes} TLB flushes (want 0, 0, 0)");
        }

        return report;
    }

    private static void CheckLogical(World w, ScenarioRange range, ScenarioReport report)
    {
        for (var i = range.Start; i < range.End; i++)
        {
            var pte = w.Get(i);
            if (Arm64Pte.Young(pte) || Arm64Pte.Dirty(pte))
            {
                report.StillYoungOrDirty.Add(i);
                report.Logical.Add($"entry {i}: ptep_get reports {(Arm64Pte.Young(pte) ? "young " : "")}{(Arm64Pte.Dirty(pte) ? "dirty " : "")}({w.Fmt.Describe(pte)})");
            }
        }
    }

    private static void CheckCollateral(World w, ScenarioRange range, ulong[] before, ulong[] after, ScenarioReport report)
    {
        var c = w.C;
        var firstBlock = (before[range.Start] & PTE_CONT) != 0 ? range.Start & ~(c - 1) : -1;
        var lastBlock = (before[range.End - 1] & PTE_CONT) != 0 ? (range.End - 1) & ~(c - 1) : -1;
        for (var i = 0; i < before.Length; i++)
        {
            var block = i & ~(c - 1);
            var allowed = range.Contains(i) || block == firstBlock || block == lastBlock;
            if (!allowed && before[i] != after[i])
            {
                report.Collateral.Add($"entry {i} (outside the range and its end blocks) changed: {w.Fmt.Describe(new Pte(before[i]))} -> {w.Fmt.Describe(new Pte(after[i]))}");
            }
        }
    }

    private static void CheckStructural(World w, ulong[] before, ulong[] after, ScenarioReport report)
    {
        var keep = PTE_CONT | PTE_VALID | PTE_WRITE | w.Fmt.PfnMask;
        for (var i = 0; i < before.Length; i++)
        {
            if ((before[i] & keep) != (after[i] & keep))
            {
                report.Structural.Add($"entry {i}: CONT/VALID/WRITE/PFN changed: {w.Fmt.Describe(new Pte(before[i]))} -> {w.Fmt.Describe(new Pte(after[i]))}");
            }
        }
    }
}
