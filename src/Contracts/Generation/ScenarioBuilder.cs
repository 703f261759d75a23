using System.Globalization;
using ArchPgtable.Contracts.World;

namespace ArchPgtable.Contracts.Generation;

/// <summary>
/// Builds a <see cref="Scenario"/>'s state through the architecture's own API only: set_ptes of
/// each folio (whole, or in two parts), then hardware accesses through the TLB and walker (faults
/// fixed with <c>ptep_set_access_flags()</c> as the fault handler would), single-entry
/// write-protects, refolds through <c>set_pte_at()</c> and aging. The arch invariants are checked
/// after every step.
/// </summary>
internal static class ScenarioBuilder
{
    /// <summary>The first PFN handed out; aligned beyond any generated folio order.</summary>
    public const ulong PfnBase = 1UL << 20;

    /// <summary>Builds <paramref name="scenario"/> in <paramref name="world"/> (after resetting it).</summary>
    /// <param name="world">The world.</param>
    /// <param name="scenario">The case.</param>
    /// <param name="reserveLastFolio">Place the last folio but leave it unmapped, for a set_ptes call.</param>
    /// <param name="log">When not null, receives one line per step (for counterexamples).</param>
    public static BuiltState Build(ContractWorld world, Scenario scenario, bool reserveLastFolio, List<string>? log)
    {
        world.Reset();
        var built = new BuiltState();
        var g = world.Geometry;
        var maxOrder = ScenarioGen.MaxOrder(g);
        var cursor = Math.Max(g.ContPtes, 4);
        var count = scenario.Folios.Count;
        for (var k = 0; k < count; k++)
        {
            var spec = scenario.Folios[k];
            var n = spec.Pages;
            var index = cursor + spec.Gap;
            if (!spec.Unaligned)
            {
                index = (index + n - 1) & ~(n - 1);
            }

            if (index + n + g.ContPtes > g.PtrsPerPte)
            {
                break;
            }

            var pfn = PfnBase + ((ulong)k << (maxOrder + 1));
            var placement = new FolioPlacement(index, new FolioExtent(pfn, n), Prot(world, spec.Prot));
            world.Mm.Add(placement);
            world.Cover(index - 1, index + n + 1);
            cursor = index + n;
            if (reserveLastFolio && k == count - 1)
            {
                built.CallFolio = placement;
                built.CallFolioSpec = spec;
                log?.Add(string.Create(CultureInfo.InvariantCulture,
                    $"folio pfn 0x{pfn:x} order {spec.Order} reserved at {world.Where(index)} (mapped by the call)"));
                break;
            }

            built.Placed.Add(placement);
            built.PlacedSpecs.Add(spec);
            var split = spec.SplitAt;
            if (split == 0)
            {
                Map(world, built, placement, spec, 0, n, log);
            }
            else
            {
                Map(world, built, placement, spec, 0, split, log);
                if (!spec.Hole)
                {
                    Map(world, built, placement, spec, split, n - split, log);
                }
            }

            if (built.SetupFailure is not null)
            {
                return built;
            }
        }

        foreach (var e in scenario.Events)
        {
            Apply(world, built, e, log);
            if (built.SetupFailure is not null)
            {
                return built;
            }
        }

        return built;
    }

    /// <summary>The entry a folio page is mapped with: pfn_pte(), young/old and dirty as the spec says.</summary>
    public static Pte Entry(ContractWorld world, FolioPlacement placement, bool young, bool dirty, int offset)
    {
        var f = world.Format;
        var e = f.PfnPte(placement.Folio.StartPfn + (ulong)offset, placement.Prot);
        e = young ? f.MkYoung(e) : f.MkOld(e);
        return dirty ? f.MkDirty(e) : e;
    }

    public static PteProt Prot(ContractWorld world, ProtKind kind) => kind switch
    {
        ProtKind.ReadOnly => world.Format.ProtFor(VmFlags.Read),
        ProtKind.WritableExec => world.Format.ProtFor(VmFlags.Read | VmFlags.Write | VmFlags.Exec | VmFlags.Shared),
        _ => world.Format.ProtFor(VmFlags.Read | VmFlags.Write | VmFlags.Shared),
    };

    private static void Map(ContractWorld world, BuiltState built, FolioPlacement placement, FolioSpec spec, int offset, int nr, List<string>? log)
    {
        var index = placement.Index + offset;
        var entry = Entry(world, placement, spec.Young, spec.Dirty, offset);
        log?.Add(MapStep(world, index, entry, nr));
        try
        {
            world.Ops.SetPtes(world.Mm, world.Addr(index), world.P(index), entry, nr);
        }
        catch (Exception ex) when (IsHelperFailure(ex))
        {
            Threw(built, MapStep(world, index, entry, nr), ex);
            return;
        }

        CheckAfter(world, built, SetupEventKind.Read, index, entry, nr);
    }

    private static void Apply(ContractWorld world, BuiltState built, SetupEvent e, List<string>? log)
    {
        var index = PickPresent(world, e.Pick);
        if (index < 0)
        {
            return;
        }

        if (e.Kind is SetupEventKind.Read or SetupEventKind.Write)
        {
            Access(world, built, index, e.Kind == SetupEventKind.Write, e.Landing, log);
            return;
        }

        if (e.Kind == SetupEventKind.Refold)
        {
            index = Math.Min(index | (world.Geometry.ContPtes - 1), world.RegionEnd - 1);
            if (!world.Format.Present(world.Table.Peek(index)))
            {
                return;
            }
        }

        log?.Add(EventStep(world, e.Kind, index));
        try
        {
            Run(world, e.Kind, index);
        }
        catch (Exception ex) when (IsHelperFailure(ex))
        {
            Threw(built, EventStep(world, e.Kind, index), ex);
            return;
        }

        CheckAfter(world, built, e.Kind, index, default, 0);
    }

    private static void Run(ContractWorld world, SetupEventKind kind, int index)
    {
        var ops = world.Ops;
        var mm = world.Mm;
        var addr = world.Addr(index);
        switch (kind)
        {
            case SetupEventKind.Wrprotect:
                ops.PtepSetWrprotect(mm, addr, world.P(index));
                mm.Tlb.FlushPage(addr);
                break;
            case SetupEventKind.Refold:
                var old = ops.PtepGetAndClear(mm, addr, world.P(index));
                mm.Tlb.FlushPage(addr);
                ops.SetPteAt(mm, addr, world.P(index), old);
                break;
            default:
                ops.PtepTestAndClearYoung(mm, addr, world.P(index));
                break;
        }
    }

    private static void Access(ContractWorld world, BuiltState built, int index, bool write, int landing, List<string>? log)
    {
        // On a machine, every kind of agent updates the table; the world's own agent alone uses the TLB.
        var (agent, name) = world.SetupAgent(landing);
        var useTlb = agent == world.Agent;
        var outcome = agent.Access(index, write, landing, useTlb);
        log?.Add(string.Create(CultureInfo.InvariantCulture,
            $"{name} {(write ? "store" : "load")} to {world.Where(index)}: {outcome}{(outcome == HardwareOutcome.Updated ? $" (hardware CAS on pte[{agent.LastTarget}])" : "")}"));
        if (outcome != HardwareOutcome.Faulted)
        {
            CheckAfter(world, built, SetupEventKind.Write, index, default, -1);
            return;
        }

        var f = world.Format;
        var view = world.Ops.PtepGet(world.P(index));
        if (!f.Present(view))
        {
            return;
        }

        Pte entry;
        if (write && !f.Write(view))
        {
            entry = f.MkYoung(f.MkDirty(f.MkWrite(view)));
        }
        else
        {
            entry = f.MkYoung(view);
            if (write)
            {
                entry = f.MkDirty(entry);
            }
        }

        log?.Add(FaultStep(world, index, entry, write));
        try
        {
            world.Ops.PtepSetAccessFlags(world.Mm, world.Addr(index), world.P(index), entry, write);
        }
        catch (Exception ex) when (IsHelperFailure(ex))
        {
            Threw(built, FaultStep(world, index, entry, write), ex);
            return;
        }

        CheckAfter(world, built, SetupEventKind.Write, index, entry, -2);
        if (built.SetupFailure is null)
        {
            agent.Access(index, write, landing, useTlb);
            CheckAfter(world, built, SetupEventKind.Write, index, default, -1);
        }
    }

    /// <summary>The exceptions a buggy helper may throw (argument checks, pointer arithmetic off the table, misuse).</summary>
    public static bool IsHelperFailure(Exception ex) => ex is not (OutOfMemoryException or InsufficientExecutionStackException);

    private static void Threw(BuiltState built, string step, Exception ex) =>
        built.SetupFailure = $"{step} threw {ex.GetType().Name}: {ex.Message}";

    private static void CheckAfter(ContractWorld world, BuiltState built, SetupEventKind kind, int index, Pte entry, int nr)
    {
        var violation = world.CheckInvariants();
        if (violation is not null)
        {
            var step = nr switch
            {
                > 0 => MapStep(world, index, entry, nr),
                -1 => $"a CPU access to {world.Where(index)}",
                -2 => FaultStep(world, index, entry, kind == SetupEventKind.Write),
                _ => EventStep(world, kind, index),
            };
            built.SetupFailure = $"after {step}: arch invariant broken: {violation}";
        }
    }

    private static string MapStep(ContractWorld world, int index, Pte entry, int nr) => string.Create(CultureInfo.InvariantCulture,
        $"set_ptes({world.Where(index)}, {world.Format.Describe(entry)}, nr={nr})");

    private static string FaultStep(ContractWorld world, int index, Pte entry, bool write) => string.Create(CultureInfo.InvariantCulture,
        $"fault: ptep_set_access_flags({world.Where(index)}, {world.Format.Describe(entry)}, dirty={(write ? 1 : 0)})");

    private static string EventStep(ContractWorld world, SetupEventKind kind, int index) => kind switch
    {
        SetupEventKind.Wrprotect => $"ptep_set_wrprotect({world.Where(index)}) + flush_tlb_page",
        SetupEventKind.Refold => $"ptep_get_and_clear({world.Where(index)}) + flush_tlb_page + set_pte_at(same value)",
        _ => $"ptep_test_and_clear_young({world.Where(index)})",
    };

    /// <summary>The <paramref name="pick"/>-th present entry of the region (modulo their number), or -1.</summary>
    public static int PickPresent(ContractWorld world, int pick)
    {
        var present = 0;
        for (var i = world.RegionStart; i < world.RegionEnd; i++)
        {
            if (world.Format.Present(world.Table.Peek(i)))
            {
                present++;
            }
        }

        if (present == 0)
        {
            return -1;
        }

        var want = pick % present;
        for (var i = world.RegionStart; i < world.RegionEnd; i++)
        {
            if (world.Format.Present(world.Table.Peek(i)) && want-- == 0)
            {
                return i;
            }
        }

        return -1;
    }
}
