using System.Diagnostics;
using ArchPgtable.Plugins;
using ArchPgtable.Testing;

namespace ArchPgtable.Benchmarks.Interleaved;

/// <summary>
/// One build's side of <c>interleave --workload helpers [--arch A]</c>: one arch's helpers on one 512-entry table with
/// nothing attached (no counters, no observer), arm64 (contpte), x86_64 or riscv64 (Svnapot): its <c>ptep_get</c> of every
/// entry, <c>set_ptes</c> and <c>clear_young_dirty_ptes</c> of the whole table, <c>wrprotect_ptes</c> per 64 KiB, and
/// <c>set_ptes</c> followed by <c>get_and_clear_full_ptes</c> per 64 KiB. Run against the same build with its hooks
/// switched off (<c>DIR:hooks=off</c>, <see cref="PteTable.HooksSupported"/> false) it says what the hooks cost a helper
/// whose user attaches nothing. Called through reflection, once per build, inside that build's load context.
/// </summary>
internal static class HelperRounds
{
    private const int Entries = 512;
    private const int Block = 16;
    private const int CallsPerRound = 20;
    private static Item[] _items = [];

    /// <summary>Names of the timed items, in the order of <see cref="Rounds"/>.</summary>
    public static string[] Names() => [.. _items.Select(item => item.Name)];

    /// <summary>Builds the arch's bare table and checks that each item leaves it as the helpers should.</summary>
    /// <param name="arch">arm64, x86_64 or riscv64: one arch per process, as in a kernel (helpers of several arches
    /// in one process would share the generic code's call sites, and the JIT's profile of them).</param>
    public static void Setup(string arch)
    {
        _items = [.. Items(Archs.WithBlocks().Single(a => a.Arch == arch))];
        foreach (var item in _items)
        {
            item.Run();
            item.Check();
        }
    }

    /// <summary>One timed round per item: microseconds per call, over <see cref="CallsPerRound"/> calls.</summary>
    public static Func<double>[] Rounds() => [.. _items.Select(item => (Func<double>)(() => Time(item.Run)))];

    private static double Time(Action run)
    {
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < CallsPerRound; i++)
        {
            run();
        }

        return Stopwatch.GetElapsedTime(start).TotalMicroseconds / CallsPerRound;
    }

    private static IEnumerable<Item> Items(ArchInstance arch)
    {
        var ops = arch.Ops;
        var format = arch.Format;
        var mm = new TestMm();
        var prot = format.ProtFor(VmFlags.Read | VmFlags.Write);
        var written = format.MkDirty(format.MkYoung(format.PfnPte(0x80000, prot)));
        var name = arch.Arch;
        var sink = 0UL;

        // Each item has its own table, written once here: an item leaves its table as its next call finds it.
        PteTable Written()
        {
            var table = new PteTable(Entries);
            if (!table.NothingAttached)
            {
                throw new InvalidOperationException("a bare PteTable has something attached.");
            }

            ops.SetPtes(mm, 0, table[0], written, Entries);
            return table;
        }

        var read = Written();
        yield return new Item($"{name} ptep_get x{Entries}", () =>
        {
            for (var i = 0; i < Entries; i++)
            {
                sink += ops.PtepGet(read[i]).Value;
            }
        }, () => Expect(sink != 0, "ptep_get read nothing"));

        var set = Written();
        yield return new Item($"{name} set_ptes {Entries}", () => ops.SetPtes(mm, 0, set[0], written, Entries),
            () => Expect(AllOf(ops, set, p => format.Young(p) && format.Dirty(p)), "set_ptes left an entry old or clean"));

        // After the first call every entry is old and clean; the helper still visits each (a contiguous block's
        // whole range, a plain entry's test).
        var cydp = Written();
        yield return new Item($"{name} clear_young_dirty_ptes {Entries}",
            () => ops.ClearYoungDirtyPtes(mm, 0, cydp[0], Entries, CydpFlags.Young | CydpFlags.Dirty),
            () => Expect(AllOf(ops, cydp, p => !format.Young(p) && !format.Dirty(p)), "an entry stayed young or dirty"));

        var wrprotect = Written();
        yield return new Item($"{name} wrprotect_ptes/{Block}", () =>
        {
            for (var i = 0; i < Entries; i += Block)
            {
                ops.WrprotectPtes(mm, (ulong)i << 12, wrprotect[i], Block);
            }
        }, () => Expect(AllOf(ops, wrprotect, p => !format.Write(p)), "an entry stayed writable"));

        var clear = Written();
        yield return new Item($"{name} set_ptes + get_and_clear_full_ptes/{Block}", () =>
        {
            ops.SetPtes(mm, 0, clear[0], written, Entries);
            for (var i = 0; i < Entries; i += Block)
            {
                sink += ops.GetAndClearFullPtes(mm, (ulong)i << 12, clear[i], Block, full: false).Value;
            }
        }, () => Expect(AllOf(ops, clear, p => p.IsNone), "an entry stayed mapped"));
    }

    private static bool AllOf(IPageTableOps ops, PteTable table, Func<Pte, bool> holds)
    {
        for (var i = 0; i < Entries; i++)
        {
            if (!holds(ops.PtepGet(table[i])))
            {
                return false;
            }
        }

        return true;
    }

    private static void Expect(bool holds, string what)
    {
        if (!holds)
        {
            throw new InvalidOperationException($"helpers workload: {what}.");
        }
    }

    private sealed record Item(string Name, Action Run, Action Check);
}
