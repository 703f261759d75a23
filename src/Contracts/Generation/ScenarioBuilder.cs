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
        var step = string.Create(CultureInfo.InvariantCulture,
            $"set_ptes({world.Where(index)}, {world.Format.Describe(entry)}, nr={nr})");
        log?.Add(step);
        Step(world, built, step, () => world.Ops.SetPtes(world.Mm, world.Addr(index), world.P(index), entry, nr));
    }

    private static void Apply(ContractWorld world, BuiltState built, SetupEvent e, List<string>? log)
    {
        var index = PickPresent(world, e.Pick);
        if (index < 0)
        {
            return;
        }

        var ops = world.Ops;
        var mm = world.Mm;
        var addr = world.Addr(index);
        switch (e.Kind)
        {
            case SetupEventKind.Read:
            case SetupEventKind.Write:
                Access(world, built, index, e.Kind == SetupEventKind.Write, e.Landing, log);
                break;
            case SetupEventKind.Wrprotect:
                {
                    var step = $"ptep_set_wrprotect({world.Where(index)}) + flush_tlb_page";
                    log?.Add(step);
                    Step(world, built, step, () =>
                    {
                        ops.PtepSetWrprotect(mm, addr, world.P(index));
                        mm.Tlb.FlushPage(addr);
                    });
                    break;
                }

            case SetupEventKind.Refold:
                {
                    var last = Math.Min(index | (world.Geometry.ContPtes - 1), world.RegionEnd - 1);
                    if (!world.Format.Present(world.Table.Peek(last)))
                    {
                        return;
                    }

                    var step = $"ptep_get_and_clear({world.Where(last)}) + flush_tlb_page + set_pte_at(same value)";
                    log?.Add(step);
                    Step(world, built, step, () =>
                    {
                        var a = world.Addr(last);
                        var old = ops.PtepGetAndClear(mm, a, world.P(last));
                        mm.Tlb.FlushPage(a);
                        ops.SetPteAt(mm, a, world.P(last), old);
                    });
                    break;
                }

            default:
                {
                    var step = $"ptep_test_and_clear_young({world.Where(index)})";
                    log?.Add(step);
                    Step(world, built, step, () => ops.PtepTestAndClearYoung(mm, addr, world.P(index)));
                    break;
                }
        }
    }

    private static void Access(ContractWorld world, BuiltState built, int index, bool write, int landing, List<string>? log)
    {
        var outcome = world.Agent.Access(index, write, landing, useTlb: true);
        log?.Add(string.Create(CultureInfo.InvariantCulture,
            $"CPU {(write ? "store" : "load")} to {world.Where(index)}: {outcome}{(outcome == HardwareOutcome.Updated ? $" (hardware CAS on pte[{world.Agent.LastTarget}])" : "")}"));
        if (outcome != HardwareOutcome.Faulted)
        {
            CheckAfter(world, built, "hardware access");
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

        var step = string.Create(CultureInfo.InvariantCulture,
            $"fault: ptep_set_access_flags({world.Where(index)}, {f.Describe(entry)}, dirty={write})");
        log?.Add(step);
        Step(world, built, step, () => world.Ops.PtepSetAccessFlags(world.Mm, world.Addr(index), world.P(index), entry, write));
        if (built.SetupFailure is null)
        {
            world.Agent.Access(index, write, landing, useTlb: true);
            CheckAfter(world, built, "hardware access after the fault");
        }
    }

    private static void Step(ContractWorld world, BuiltState built, string step, Action action)
    {
        try
        {
            action();
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or IndexOutOfRangeException)
        {
            built.SetupFailure = $"{step} threw {ex.GetType().Name}: {ex.Message}";
            return;
        }

        CheckAfter(world, built, step);
    }

    private static void CheckAfter(ContractWorld world, BuiltState built, string step)
    {
        var violation = world.CheckInvariants();
        if (violation is not null)
        {
            built.SetupFailure = $"after {step}: arch invariant broken: {violation}";
        }
    }

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
