using ArchPgtable.Arm64.Tests.Support;

namespace ArchPgtable.Arm64.Tests;

/// <summary>Batch-contract violations throw before any entry is read or written.</summary>
public class BatchContractTests
{
    public static TheoryData<Arm64Granule, string, string> Cases()
    {
        var data = new TheoryData<Arm64Granule, string, string>();
        foreach (var g in new[] { Arm64Granule.Granule4K, Arm64Granule.Granule16K, Arm64Granule.Granule64K })
        {
            foreach (var helper in new[] { "clear_young_dirty_ptes", "mkold_clean_ptes", "wrprotect_ptes", "clear_full_ptes", "get_and_clear_full_ptes", "set_ptes" })
            {
                data.Add(g, helper, "nr=0");
                data.Add(g, helper, "crossing");
                data.Add(g, helper, "addr mismatch");
            }
        }

        return data;
    }

    private static void Call(World w, string helper, int index, int nr, ulong addr)
    {
        var p = w.P(index);
        switch (helper)
        {
            case "clear_young_dirty_ptes": w.Ops.ClearYoungDirtyPtes(w.Mm, addr, p, nr, CydpFlags.Young | CydpFlags.Dirty); break;
            case "mkold_clean_ptes": w.Ops.MkoldCleanPtes(w.Mm, addr, p, nr); break;
            case "wrprotect_ptes": w.Ops.WrprotectPtes(w.Mm, addr, p, nr); break;
            case "clear_full_ptes": w.Ops.ClearFullPtes(w.Mm, addr, p, nr, full: false); break;
            case "get_and_clear_full_ptes": w.Ops.GetAndClearFullPtes(w.Mm, addr, p, nr, full: false); break;
            case "set_ptes": w.Ops.SetPtes(w.Mm, addr, p, w.Fresh(World.BasePfn), nr); break;
            default: throw new ArgumentOutOfRangeException(nameof(helper));
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Violation_throws_and_leaves_the_table_unchanged(Arm64Granule g, string helper, string violation)
    {
        var w = new World(g);
        var c = w.C;
        var start = w.Table.Count - (2 * c);
        w.Mm.AddFolio(World.BasePfn, 2 * c);
        w.Map(start, World.BasePfn, 2 * c);                  // the last two blocks of the table, cont
        w.TouchRange(start, 2 * c);
        var before = w.Snapshot();
        var cost = w.Mm.Cost.Snapshot();

        var index = violation == "crossing" ? w.Table.Count - (c / 2) : start;
        var nr = violation switch { "nr=0" => 0, "crossing" => c, _ => 4 };
        var addr = violation == "addr mismatch" ? w.Addr(index + 1) : w.Addr(index);
        var e = Assert.ThrowsAny<ArgumentException>(() => Call(w, helper, index, nr, addr));

        Assert.StartsWith(helper + ":", e.Message, StringComparison.Ordinal);
        Assert.Equal(before, w.Snapshot());
        Assert.Equal(cost, w.Mm.Cost.Snapshot());
    }
}
