using ArchPgtable.Arm64.Tests.Support;
using NSubstitute;

namespace ArchPgtable.Arm64.Tests;

/// <summary>contpte_clear_young_dirty_ptes / contpte_mkold_clean_ptes on the review's scenarios (kernel reference §4.3–4.4).</summary>
public class ClearYoungDirtyTests
{
    public static TheoryData<Arm64Granule, CydpScenario, string> AllScenarios()
    {
        var data = new TheoryData<Arm64Granule, CydpScenario, string>();
        foreach (var g in new[] { Arm64Granule.Granule4K, Arm64Granule.Granule16K, Arm64Granule.Granule64K })
        {
            foreach (var s in Enum.GetValues<CydpScenario>())
            {
                data.Add(g, s, CydpHelper.ClearYoungDirty);
                data.Add(g, s, CydpHelper.MkoldClean);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AllScenarios))]
    public void Arm64_override_leaves_every_entry_old_and_clean_with_no_collateral_and_no_cost(Arm64Granule g, CydpScenario s, string helper)
    {
        var report = CydpScenarioCheck.Run(new World(g), s, helper);
        Assert.True(report.Violations.Count == 0, report.ToString());
    }

    [Theory]
    [MemberData(nameof(AllScenarios))]
    public void Arm64_override_never_folds_unfolds_or_flushes(Arm64Granule g, CydpScenario s, string helper)
    {
        var tlb = Substitute.For<ITlbFlusher>();
        var events = Substitute.For<ICostCounters>();
        var w = new World(g, tlb: tlb, events: events);
        CydpScenarioCheck.Run(w, s, r =>
        {
            tlb.ClearReceivedCalls();
            events.ClearReceivedCalls();
            CydpHelper.Run(helper, w, r);
            tlb.DidNotReceiveWithAnyArgs().FlushRange(default, default, default, default, default);
            tlb.DidNotReceiveWithAnyArgs().FlushPage(default);
            tlb.DidNotReceiveWithAnyArgs().FlushAll();
            events.DidNotReceiveWithAnyArgs().Fold(default, default);
            events.DidNotReceiveWithAnyArgs().Unfold(default, default);
        });
    }

    [Theory]
    [MemberData(nameof(Granules.All), MemberType = typeof(Granules))]
    public void Scenario_A_clears_the_sibling_outside_the_range(Arm64Granule g)
    {
        var w = new World(g);
        var c = w.C;
        var f = CydpScenarios.FolioIndex(w);
        var report = CydpScenarioCheck.Run(w, CydpScenario.A, CydpHelper.ClearYoungDirty);
        Assert.Empty(report.Violations);
        // The end was rounded up to block 1's end: entry F+C+11 (outside [F, F+C+4)) was cleaned raw.
        Assert.False(Arm64Pte.Young(w.Raw(f + c + 11)) || Arm64Pte.Dirty(w.Raw(f + c + 11)));
        // Exactly the expanded range was written: (C + 4) + (C - 4) plain stores.
        Assert.Equal(2 * c, report.Cost.PteWrites);
        Assert.Equal(0, report.Cost.AtomicUpdates);
    }

    [Theory]
    [MemberData(nameof(Granules.All), MemberType = typeof(Granules))]
    public void Scenario_C_leaves_the_block_after_the_range_alone(Arm64Granule g)
    {
        var w = new World(g);
        var c = w.C;
        var f = CydpScenarios.FolioIndex(w);
        var report = CydpScenarioCheck.Run(w, CydpScenario.C, CydpHelper.MkoldClean);
        Assert.Empty(report.Violations);
        Assert.True(Arm64Pte.Young(w.Get(f + (3 * c))) && Arm64Pte.Dirty(w.Get(f + (3 * c))));
        Assert.Equal(3 * c, report.Cost.PteWrites);
    }

    [Theory]
    [MemberData(nameof(Granules.All), MemberType = typeof(Granules))]
    public void Young_only_keeps_dirty_and_uses_compare_exchange(Arm64Granule g)
    {
        var w = new World(g);
        var c = w.C;
        var range = CydpScenarios.Setup(w, CydpScenario.A);
        var dirtyBefore = Enumerable.Range(0, w.Table.Count).Select(i => Arm64Pte.Dirty(w.Get(i))).ToArray();
        var cost0 = w.Mm.Cost.Snapshot();

        w.Ops.ClearYoungDirtyPtes(w.Mm, w.Addr(range.Start), w.P(range.Start), range.Nr, CydpFlags.Young);

        var cost = w.Mm.Cost.Snapshot() - cost0;
        Assert.Equal(2 * c, cost.AtomicUpdates);                   // one successful cmpxchg per expanded entry
        Assert.Equal(0, cost.Unfolds + cost.Folds + cost.TlbFlushes);
        for (var i = 0; i < w.Table.Count; i++)
        {
            Assert.True(dirtyBefore[i] == Arm64Pte.Dirty(w.Get(i)), $"entry {i}: dirty changed");
        }

        for (var i = range.Start; i < range.End; i++)
        {
            Assert.False(Arm64Pte.Young(w.Get(i)), $"entry {i} still young");
        }
    }

    [Theory]
    [MemberData(nameof(Granules.All), MemberType = typeof(Granules))]
    public void Dirty_only_keeps_young(Arm64Granule g)
    {
        var w = new World(g);
        var range = CydpScenarios.Setup(w, CydpScenario.D);
        w.Ops.ClearYoungDirtyPtes(w.Mm, w.Addr(range.Start), w.P(range.Start), range.Nr, CydpFlags.Dirty);
        for (var i = range.Start; i < range.End; i++)
        {
            var pte = w.Get(i);
            Assert.True(Arm64Pte.Young(pte) && !Arm64Pte.Dirty(pte) && Arm64Pte.Write(pte), $"entry {i}: {w.Fmt.Describe(pte)}");
        }
    }

    [Theory]
    [MemberData(nameof(Granules.All), MemberType = typeof(Granules))]
    public void Single_non_cont_entry_takes_the_raw_path(Arm64Granule g)
    {
        var w = new World(g);
        w.Map(0, World.BasePfn + 1, 4);
        w.TouchRange(0, 4);
        w.Ops.ClearYoungDirtyPtes(w.Mm, w.Addr(1), w.P(1), 1, CydpFlags.Young | CydpFlags.Dirty);
        Assert.False(Arm64Pte.Young(w.Raw(1)) || Arm64Pte.Dirty(w.Raw(1)));
        Assert.True(Arm64Pte.Young(w.Raw(0)) && Arm64Pte.Young(w.Raw(2)));
    }

    [Theory]
    [MemberData(nameof(Granules.All), MemberType = typeof(Granules))]
    public void Single_cont_entry_clears_its_whole_block(Arm64Granule g)
    {
        var w = new World(g);
        var c = w.C;
        w.Map(0, World.BasePfn, c);
        w.Touch(c - 2);
        w.Ops.MkoldCleanPtes(w.Mm, w.Addr(3), w.P(3), 1);
        for (var i = 0; i < c; i++)
        {
            Assert.False(Arm64Pte.Young(w.Raw(i)) || Arm64Pte.Dirty(w.Raw(i)));
            Assert.True(w.IsCont(i));
        }
    }

    [Theory]
    [MemberData(nameof(Granules.All), MemberType = typeof(Granules))]
    public void Is_idempotent(Arm64Granule g)
    {
        var w = new World(g);
        var range = CydpScenarios.Setup(w, CydpScenario.E);
        CydpHelper.Run(CydpHelper.ClearYoungDirty, w, range);
        var once = w.Snapshot();
        CydpHelper.Run(CydpHelper.ClearYoungDirty, w, range);
        Assert.Equal(once, w.Snapshot());
    }
}
