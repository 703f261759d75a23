using ArchPgtable.Arm64.Tests.Support;

namespace ArchPgtable.Arm64.Tests;

/// <summary>Why arm64 overrides clear_young_dirty_ptes: the pgtable.h default unfolds and refolds every cont block (kernel reference §4.2).</summary>
public class GenericDefaultCostTests
{
    public static TheoryData<Arm64Granule, CydpScenario, string, int> Cases()
    {
        var data = new TheoryData<Arm64Granule, CydpScenario, string, int>();
        foreach (var g in new[] { Arm64Granule.Granule4K, Arm64Granule.Granule16K, Arm64Granule.Granule64K })
        {
            foreach (var helper in new[] { CydpHelper.ClearYoungDirty, CydpHelper.MkoldClean })
            {
                data.Add(g, CydpScenario.CPrime, helper, 2);
                data.Add(g, CydpScenario.C, helper, 3);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Generic_default_is_correct_but_converts_every_block_twice(Arm64Granule g, CydpScenario s, string helper, int blocks)
    {
        var w = new World(g, gr => new GenericCydpOnContPte(gr));
        var report = CydpScenarioCheck.Run(w, s, helper);

        Assert.Empty(report.Logical);
        Assert.Empty(report.Collateral);
        Assert.Equal(blocks, report.Cost.Unfolds);           // ptep_get_and_clear of each block's first entry
        Assert.Equal(blocks, report.Cost.Folds);             // set_pte_at of each block's last entry refolds it
        Assert.Equal(2 * blocks, report.Cost.TlbFlushRange); // one synchronous BBM range flush per conversion
        Assert.NotEmpty(report.CostViolations);
    }

    [Theory]
    [MemberData(nameof(Granules.All), MemberType = typeof(Granules))]
    public void Arm64_override_on_the_same_state_costs_plain_stores_only(Arm64Granule g)
    {
        var generic = CydpScenarioCheck.Run(new World(g, gr => new GenericCydpOnContPte(gr)), CydpScenario.CPrime, CydpHelper.ClearYoungDirty);
        var arm64 = CydpScenarioCheck.Run(new World(g), CydpScenario.CPrime, CydpHelper.ClearYoungDirty);
        var c = g.ContPtes();
        Assert.Equal(2 * c, arm64.Cost.PteWrites);
        Assert.Equal(0, arm64.Cost.AtomicUpdates);
        // Generic: per block, two BBM repaints (C exchanges + C writes each) plus C exchanges + C stores of its own.
        Assert.Equal(2 * 3 * 2 * c, generic.Cost.PteWrites);
    }
}
