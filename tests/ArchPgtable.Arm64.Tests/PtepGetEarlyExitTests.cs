using ArchPgtable.Arm64.Tests.Support;

namespace ArchPgtable.Arm64.Tests;

/// <summary>
/// Mainline's early exit of the contpte gather: contpte_ptep_get() and contpte_ptep_get_lockless() read the
/// block from its first entry until one is dirty or young, then look only for the other bit; a dirty entry is read
/// a second time (the young scan starts at it), a young one is not. Each case places young/dirty on chosen entries
/// of one contiguous block and counts the PTE reads of one call: the target's own read plus the gather's, derived
/// by hand from mainline's loop.
/// </summary>
public class PtepGetEarlyExitTests
{
    /// <summary>The entries to mark (index in the block; −1 is the last entry) and the reads expected for a block of c entries.</summary>
    public sealed record Case(string Name, (int Index, bool Young, bool Dirty)[] Marks, Func<int, int> Reads, bool Young, bool Dirty)
    {
        public override string ToString() => Name;
    }

    public static TheoryData<Arm64Granule, Case, bool> Cases
    {
        get
        {
            var cases = new[]
            {
                new Case("neither: every entry once", [], c => 1 + c, false, false),
                new Case("first entry young and dirty: read, re-read", [(0, true, true)], _ => 1 + 2, true, true),
                new Case("young and dirty only on the last entry: every entry, then the last again", [(-1, true, true)], c => 1 + c + 1, true, true),
                new Case("young only on the last entry: every entry once", [(-1, true, false)], c => 1 + c, true, false),
                new Case("dirty only on the last entry: every entry, the last again", [(-1, false, true)], c => 1 + c + 1, false, true),
                new Case("young on 2, dirty on 5: stops at 5", [(2, true, false), (5, false, true)], _ => 1 + 6, true, true),
                new Case("dirty on 2, young on 5: 2 read twice, stops at 5", [(2, false, true), (5, true, false)], _ => 1 + 3 + 4, true, true),
                new Case("young on 0, dirty on the last: every entry once", [(0, true, false), (-1, false, true)], c => 1 + c, true, true),
                new Case("dirty on 0, young on the last: every entry, 0 twice", [(0, false, true), (-1, true, false)], c => 1 + 1 + c, true, true),
                new Case("young on 1, no dirty: every entry once", [(1, true, false)], c => 1 + c, true, false),
                new Case("dirty on 1, no young: 1 read twice, to the end", [(1, false, true)], c => 1 + 2 + (c - 1), false, true),
            };
            var data = new TheoryData<Arm64Granule, Case, bool>();
            foreach (var g in new[] { Arm64Granule.Granule4K, Arm64Granule.Granule16K, Arm64Granule.Granule64K })
            {
                foreach (var c in cases)
                {
                    data.Add(g, c, false);
                    data.Add(g, c, true);
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Gather_reads_until_young_and_dirty_are_both_found(Arm64Granule g, Case @case, bool lockless)
    {
        var w = new World(g);
        var c = w.C;
        var first = 2 * c;                                  // a block-aligned block in the middle of the table
        w.Map(first, World.BasePfn, c);
        Assert.True(w.IsCont(first));
        foreach (var (index, young, dirty) in @case.Marks)
        {
            var i = first + (index < 0 ? c + index : index);
            var v = w.Raw(i);
            v = young ? Arm64Pte.MkYoung(v) : Arm64Pte.MkOld(v);
            v = dirty ? Arm64Pte.MkDirty(v) : Arm64Pte.MkClean(v);
            Arm64RawPtes.SetPte(w.P(i), v);
        }

        foreach (var target in new[] { first, first + c - 1 })   // the gather starts at the block's first entry either way
        {
            var reads0 = w.Mm.Cost.PteReads;
            var got = lockless ? w.Ops.PtepGetLockless(w.P(target)) : w.Get(target);
            Assert.Equal(@case.Reads(c), w.Mm.Cost.PteReads - reads0);
            Assert.Equal(@case.Young, Arm64Pte.Young(got));
            Assert.Equal(@case.Dirty, Arm64Pte.Dirty(got));
            Assert.True(Arm64Pte.Cont(got));
            Assert.Equal(World.BasePfn + (ulong)(target - first), w.Fmt.Pfn(got));
        }
    }
}
