using System.Diagnostics;
using ArchPgtable.Machines;
using ArchPgtable.Mm.Tracing;

namespace ArchPgtable.Mm.Experiments;

/// <summary>
/// <c>experiment contpte-convert</c>: the cost of contpte_convert() (fold and unfold) with and without
/// BBML2_NOABORT. A synthetic worst case: after the region is written (every contiguous block folded), the last
/// page of every folio is unmapped and mapped again — <c>ptep_get_and_clear()</c> (unfolds its block),
/// <c>flush_tlb_page()</c>, <c>set_pte_at()</c> of the same entry (refolds it) — so every folio of at least one
/// contiguous block costs two conversions. Old: the machine as chosen (default <c>hafdbs</c>), whose
/// contpte_convert() flushes the block between clearing and rewriting it; new: the same machine with
/// BBML2_NOABORT on every agent (default <c>bbml2</c>), which elides that flush.
/// </summary>
/// <remarks>Kernel: contpte_convert() before and after "arm64/mm: Elide tlbi in contpte_convert() under BBML2" (83bbd6be7d17).</remarks>
internal sealed class ContPteConvert : Experiment
{
    /// <summary>Per folio churned (ns): the syscall or fault path around the unmap/map pair. Fitted to the published 12%.</summary>
    internal const double PerFolioNs = 2860;

    public override string Name => "contpte-convert";

    public override string Title => "unmap and remap the last page of every folio: two contpte_convert() per block";

    public override string OldLabel => "old: contpte_convert() flushes the block (no BBML2_NOABORT)";

    public override string NewLabel => "new: BBML2_NOABORT on every agent elides that flush";

    public override PublishedTable Published { get; } = new(
        "Mikolaj Lenczewski, \"arm64/mm: Elide tlbi in contpte_convert() under BBML2\" RFC (83bbd6be7d17), worst-case microbenchmark", "RFC", "s",
        [new(64, null, null, -0.12)])
    {
        Headlines = ["80% less contpte_convert() overhead (this model: the convert_ms metric)"],
    };

    public override CostModelSummary CostModel { get; } = new(
        "per folio churned (2.86 us) fitted to the RFC's -12% at the 64K (contpte block) row",
        "the 80% convert overhead figure (convert_ms), every other folio size; the TLBI weights are the lazyfree model's plausible values");

    public override ulong DefaultRegionBytes => 256UL << 20;

    public override string? Check(ExperimentSetup setup)
    {
        ArgumentNullException.ThrowIfNull(setup);
        var (_, @new) = Machines(setup);
        return setup.Arch.MachineSupportOrDefault.ValidateMachine(@new) is { } problem
            ? $"contpte-convert compares a machine with and without BBML2_NOABORT, which {setup.Arch.Arch} cannot have ({problem})."
            : null;
    }

    public override IReadOnlyList<string> SetupNotes(ExperimentSetup setup)
    {
        var (old, @new) = Machines(setup);
        return [$"old machine {old.Name}: {old.Description}", $"new machine {@new.Name}: {@new.Description}"];
    }

    /// <summary>The old and new machines: <c>hafdbs</c> and <c>bbml2</c> when no machine was chosen and both presets exist, else the chosen machine without and with BBML2_NOABORT on every agent.</summary>
    public static (MachineDescription Old, MachineDescription New) Machines(ExperimentSetup setup)
    {
        ArgumentNullException.ThrowIfNull(setup);
        var support = setup.Arch.MachineSupportOrDefault;
        if (setup.Machine is null && support.Find("hafdbs") is { } hafdbs && support.Find("bbml2") is { } bbml2)
        {
            return (hafdbs, bbml2);
        }

        var old = setup.Machine ?? support.Default;
        old = old with { Agents = [.. old.Agents.Select(a => a with { Bbml2NoAbort = false })] };
        return (old, old with
        {
            Name = old.Name + "+bbml2",
            Description = old.Description + ", BBML2_NOABORT on every agent",
            Agents = [.. old.Agents.Select(a => a with { Bbml2NoAbort = true })],
        });
    }

    public override ExperimentResult Run(ExperimentSetup setup, ulong regionBytes, ulong folioBytes, ExperimentPath path)
    {
        ArgumentNullException.ThrowIfNull(setup);
        var (oldMachine, newMachine) = Machines(setup);
        var (sys, mm) = WrittenRegion(setup, regionBytes, folioBytes, path == ExperimentPath.Old ? oldMachine : newMachine);
        var ops = sys.Ops;
        var g = sys.Arch.Geometry;
        var model = Experiments.CostModel.Default;
        setup.Trace?.Attach(sys, $"contpte-convert {folioBytes / 1024}K {path.ToString().ToLowerInvariant()} on {setup.Arch.Arch}");
        var cost0 = sys.Counters.Snapshot();
        var events0 = ExperimentEvents.Of(sys);
        double convertNs = 0;
        long folios = 0;
        var sw = Stopwatch.StartNew();
        for (var folio = RegionStart; folio < RegionStart + regionBytes; folio += folioBytes, folios++)
        {
            var addr = folio + folioBytes - g.PageSize;
            var ptep = mm.PageTable.PtePointer(addr);
            var before = sys.Counters.Snapshot();
            var pte = ops.PtepGetAndClear(mm, addr, ptep);
            convertNs += ConvertNs(model, before, sys.Counters.Snapshot());
            mm.Tlb.FlushPage(addr);
            before = sys.Counters.Snapshot();
            ops.SetPteAt(mm, addr, ptep, pte);
            convertNs += ConvertNs(model, before, sys.Counters.Snapshot());
        }

        sw.Stop();
        setup.Trace?.Instant("churn", "mm", TraceArg.Number("folios", folios));
        var cost = sys.Counters.Snapshot() - cost0;
        var events = ExperimentEvents.Of(sys) - events0;
        var ms = model.Milliseconds(cost, default) + (folios * PerFolioNs / 1e6);
        return new ExperimentResult(ms, sw.Elapsed.TotalMilliseconds, cost, events)
        {
            Livelocks = [.. sys.Livelocks],
            Metrics = [new("convert_ms", convertNs / 1e6), new("folios_churned", folios)],
        };
    }

    /// <summary>The simulated cost of a helper call that folded or unfolded (0 for one that did not).</summary>
    private static double ConvertNs(CostModel model, CostSnapshot before, CostSnapshot after)
    {
        var d = after - before;
        return d.Folds + d.Unfolds == 0 ? 0 : model.Milliseconds(d, default) * 1e6;
    }
}
