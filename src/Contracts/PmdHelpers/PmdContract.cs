using System.Globalization;

namespace ArchPgtable.Contracts.PmdHelpers;

/// <summary>
/// Contract properties of the PMD helpers (<see cref="PmdOps"/>) on random leaf PMDs (PMD-aligned PFN, random
/// young/dirty/write): each helper's post-condition on the entry, its return value and its flushes, the format
/// helpers' purity (<c>pmd_mkold</c>, <c>pmd_mkclean</c>), and, with <c>race: true</c>, that a hardware write landing
/// between a helper's read and its store is not lost (the dirty bit survives <c>pmdp_test_and_clear_young</c> and
/// <c>pmdp_set_wrprotect</c> and is returned by <c>pmdp_huge_get_and_clear</c> and <c>pmdp_invalidate</c>). Seeded: a
/// violation names its seed and case for replay.
/// </summary>
public static class PmdContract
{
    /// <summary>Checks every property on <paramref name="cases"/> random entries; returns the violations (empty: all hold).</summary>
    /// <param name="arch">A build with <see cref="Plugins.ArchInstance.PmdOps"/>.</param>
    /// <param name="seed">The run seed.</param>
    /// <param name="cases">Entries to try.</param>
    /// <param name="race">Also inject a hardware write between read and store (only meaningful where the hardware sets access/dirty).</param>
    public static IReadOnlyList<string> Check(Plugins.ArchInstance arch, int seed, int cases = 200, bool race = false)
    {
        ArgumentNullException.ThrowIfNull(arch);
        var ops = arch.PmdOps ?? throw new ArgumentException($"{arch.Arch} has no PMD helpers.", nameof(arch));
        var rng = new Random(seed);
        var violations = new List<string>();
        for (var n = 0; n < cases && violations.Count < 10; n++)
        {
            var index = rng.Next(arch.Geometry.PtrsPerPte);
            var addr = (ulong)index * ops.PmdSize;
            var pfnSeed = (ulong)rng.Next(1, 1 << 12);
            var young = rng.Next(2) != 0;
            var dirty = rng.Next(2) != 0;
            var write = rng.Next(2) != 0;
            var p = Entry(arch, ops, new PmdCase(index, pfnSeed, young, dirty, write));
            var replay = string.Create(CultureInfo.InvariantCulture, $"(replay: seed {seed} case {n}, entry {p})");
            void Fail(string helper, string what) => violations.Add($"{arch.Arch}: {helper}: {what} {replay}");
            Pure(ops, p, Fail);
            if (race)
            {
                Race(arch, ops, index, addr, p, Fail);
            }
            else
            {
                Helpers(arch, ops, index, addr, p, rng.Next(2) == 0, Fail);
            }
        }

        return violations;
    }

    /// <summary>The leaf entry of <paramref name="c"/>: a PMD-aligned PFN with the case's young, dirty and write bits.</summary>
    internal static Pmd Entry(Plugins.ArchInstance arch, PmdOps ops, PmdCase c)
    {
        var p = ops.PfnPmd(c.PfnSeed * (ops.PmdSize >> arch.Geometry.PageShift), arch.Format.ProtFor(VmFlags.Read | VmFlags.Write));
        p = c.Young ? ops.MkYoung(p) : ops.MkOld(p);
        p = c.Dirty ? ops.MkDirty(p) : ops.MkClean(p);
        // vm_get_page_prot() of a private writable mapping is read-only (COW); a written THP is made writable (maybe_pmd_mkwrite).
        return c.Write ? Pmd.FromPte(arch.Format.MkWrite(p.AsPte)) : ops.WrProtect(p);
    }

    /// <summary>
    /// Runs the checks of one <paramref name="helper"/> (a kernel name, or <c>pmd_format</c> for pmd_mkold/pmd_mkclean/pmd_mkinvalid)
    /// on one case, with the racing hardware write when <paramref name="race"/>; returns the violations.
    /// </summary>
    internal static List<string> Test(Plugins.ArchInstance arch, string helper, bool race, PmdCase c)
    {
        var ops = arch.PmdOps!;
        var p = Entry(arch, ops, c);
        var addr = (ulong)c.Index * ops.PmdSize;
        var violations = new List<string>();
        void Fail(string name, string what)
        {
            var matches = helper == "pmd_format"
                ? name.StartsWith("pmd_mk", StringComparison.Ordinal)
                : name == (race ? helper + "/race" : helper);
            if (matches)
            {
                violations.Add($"{name}: {what}");
            }
        }

        if (helper == "pmd_format")
        {
            Pure(ops, p, Fail);
        }
        else if (race)
        {
            Race(arch, ops, c.Index, addr, p, Fail);
        }
        else
        {
            Helpers(arch, ops, c.Index, addr, p, helper == "pmdp_huge_get_and_clear_full", Fail);
        }

        return violations;
    }

    private static void Pure(PmdOps ops, Pmd p, Action<string, string> fail)
    {
        var old = ops.MkOld(p);
        if (ops.Young(old) || ops.Dirty(old) != ops.Dirty(p) || ops.Write(old) != ops.Write(p) || ops.Pfn(old) != ops.Pfn(p) || !ops.Leaf(old))
        {
            fail("pmd_mkold", $"gave {old}: must clear only young");
        }

        var clean = ops.MkClean(p);
        if (ops.Dirty(clean) || ops.Young(clean) != ops.Young(p) || ops.Write(clean) != ops.Write(p) || ops.Pfn(clean) != ops.Pfn(p) || !ops.Leaf(clean))
        {
            fail("pmd_mkclean", $"gave {clean}: must clear only dirty");
        }

        var invalid = ops.MkInvalid(p);
        if (ops.Valid(invalid) || !ops.Present(invalid) || !ops.Leaf(invalid) || ops.Pfn(invalid) != ops.Pfn(p))
        {
            fail("pmd_mkinvalid", $"gave {invalid}: must stay a present leaf of the same PFN that no walker uses");
        }
    }

    private static void Helpers(Plugins.ArchInstance arch, PmdOps ops, int index, ulong addr, Pmd p, bool full, Action<string, string> fail)
    {
        var (mm, slot) = Fresh(arch, index, p);
        var young = ops.PmdpTestAndClearYoung(mm, addr, slot);
        var after = ops.PmdpGet(slot);
        if (young != ops.Young(p) || ops.Young(after) || Others(ops, after, p) is not null)
        {
            fail("pmdp_test_and_clear_young", $"returned {young}, left {after}: must return the old young, clear it and keep {Others(ops, after, p) ?? "the rest"}");
        }

        if (mm.Flushes.Count != 0)
        {
            fail("pmdp_test_and_clear_young", "flushed the TLB (the caller decides)");
        }

        (mm, slot) = Fresh(arch, index, p);
        if (ops.Write(p))
        {
            var entry = ops.MkDirty(ops.MkYoung(p));
            var changed = ops.PmdpSetAccessFlags(mm, addr, slot, entry, dirty: true);
            after = ops.PmdpGet(slot);
            if (!ops.Young(after) || !ops.Dirty(after) || !ops.Write(after) || ops.Pfn(after) != ops.Pfn(p) || (entry != p && !changed))
            {
                fail("pmdp_set_access_flags", $"with entry {entry} returned {changed}, left {after}: a write fault must leave a young, dirty, writable entry and report the change");
            }
        }

        (mm, slot) = Fresh(arch, index, p);
        var got = full ? ops.PmdpHugeGetAndClearFull(mm, addr, slot, full: true) : ops.PmdpHugeGetAndClear(mm, addr, slot);
        if (got != p || !ops.PmdpGet(slot).IsNone)
        {
            fail(full ? "pmdp_huge_get_and_clear_full" : "pmdp_huge_get_and_clear", $"returned {got}, left {ops.PmdpGet(slot)}: must return the entry and clear it");
        }

        (mm, slot) = Fresh(arch, index, p);
        ops.PmdpSetWrprotect(mm, addr, slot);
        after = ops.PmdpGet(slot);
        if (ops.Write(after) || ops.Dirty(after) != ops.Dirty(p) || ops.Young(after) != ops.Young(p) || ops.Pfn(after) != ops.Pfn(p) || !ops.Leaf(after))
        {
            fail("pmdp_set_wrprotect", $"left {after}: must clear write and keep dirty ({ops.Dirty(p)}), young and the PFN");
        }

        (mm, slot) = Fresh(arch, index, p);
        var old = ops.PmdpInvalidate(mm, addr, slot);
        after = ops.PmdpGet(slot);
        if (old != p || ops.Valid(after) || !ops.Present(after) || ops.Pfn(after) != ops.Pfn(p) || ops.Dirty(after) != ops.Dirty(p))
        {
            fail("pmdp_invalidate", $"returned {old}, left {after}: must return the entry and leave it present, invalid, same PFN and dirty");
        }

        if (!mm.Flushes.Any(f => f.Start <= addr && f.End >= addr + ops.PmdSize))
        {
            fail("pmdp_invalidate", $"flushed {string.Join(", ", mm.Flushes.Select(f => $"[0x{f.Start:x}, 0x{f.End:x})"))}: must flush the whole PMD range");
        }
    }

    private static void Race(Plugins.ArchInstance arch, PmdOps ops, int index, ulong addr, Pmd p, Action<string, string> fail)
    {
        if (!ops.Write(p))
        {
            return;
        }

        var (mm, slot, injector) = Racing(arch, index, p);
        ops.PmdpTestAndClearYoung(mm, addr, slot);
        if (injector.Injected && !ops.Dirty(ops.PmdpGet(slot)))
        {
            fail("pmdp_test_and_clear_young/race", $"left {ops.PmdpGet(slot)}: a hardware write between its read and its store was lost (not dirty)");
        }

        (mm, slot, injector) = Racing(arch, index, p);
        ops.PmdpSetWrprotect(mm, addr, slot);
        if (injector.Injected && !ops.Dirty(ops.PmdpGet(slot)))
        {
            fail("pmdp_set_wrprotect/race", $"left {ops.PmdpGet(slot)}: a hardware write between its read and its store was lost (not dirty)");
        }

        (mm, slot, injector) = Racing(arch, index, p);
        var got = ops.PmdpHugeGetAndClear(mm, addr, slot);
        if (injector.Injected && !ops.Dirty(got))
        {
            fail("pmdp_huge_get_and_clear/race", $"returned {got}: a hardware write before the clear was lost (not dirty)");
        }

        (mm, slot, injector) = Racing(arch, index, p);
        var old = ops.PmdpInvalidate(mm, addr, slot);
        if (injector.Injected && !ops.Dirty(old) && !ops.Dirty(ops.PmdpGet(slot)))
        {
            fail("pmdp_invalidate/race", $"returned {old}, left {ops.PmdpGet(slot)}: a hardware write before the invalidation was lost (not dirty)");
        }
    }

    /// <summary>What differs between <paramref name="after"/> and <paramref name="p"/> besides young, or null.</summary>
    private static string? Others(PmdOps ops, Pmd after, Pmd p) => ops.Dirty(after) != ops.Dirty(p) ? "dirty"
            : ops.Write(after) != ops.Write(p) ? "write"
            : ops.Pfn(after) != ops.Pfn(p) ? "the PFN"
            : !ops.Leaf(after) || !ops.Valid(after) ? "a valid leaf"
            : null;

    private static (PmdContext Mm, PtePointer Slot) Fresh(Plugins.ArchInstance arch, int index, Pmd p)
    {
        var table = new PteTable(arch.Geometry.PtrsPerPte);
        table.Write(index, p.AsPte);
        return (new PmdContext(), table[index]);
    }

    private static (PmdContext Mm, PtePointer Slot, HardwareDirtyInjector Injector) Racing(Plugins.ArchInstance arch, int index, Pmd p)
    {
        var (mm, slot) = Fresh(arch, index, p);
        var injector = new HardwareDirtyInjector(arch.Hardware, arch.PmdOps);
        slot.Table.Observer = injector;
        return (mm, slot, injector);
    }
}
