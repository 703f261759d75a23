using ArchPgtable.Contracts.Checking;
using ArchPgtable.Contracts.World;

namespace ArchPgtable.Contracts.Helpers;

/// <summary>The rule for a returned old entry: the first entry's old mapping, with young/dirty OR-ed over the cleared entries (as pte_mkyoung()/pte_mkdirty() of the first would give it).</summary>
internal static class ReturnedPte
{
    public static void Check(CaseState s, int start, int end)
    {
        var w = s.World;
        var r = PteView.Of(w.Format, s.Result.Pte, w.PrivateBits);
        var first = s.Before(start);
        var young = false;
        var dirty = false;
        for (var i = start; i < end; i++)
        {
            young |= s.Before(i).Young;
            dirty |= s.Before(i).Dirty;
        }

        // The kernel builds the return value with pte_mkyoung()/pte_mkdirty() on the first entry, so
        // compare against that: an arch's mkdirty may set more than the dirty bit (x86 soft-dirty).
        var expected = first.Value;
        expected = young ? w.Format.MkYoung(expected) : expected;
        expected = dirty ? w.Format.MkDirty(expected) : expected;
        var e = PteView.Of(w.Format, expected, w.PrivateBits);
        if (!r.SameMapping(first) && !r.SameMapping(e))
        {
            s.Fail($"returned {w.Format.Describe(s.Result.Pte)} ({r.Short()}), not the first entry's old mapping {first.Short()}");
        }

        if (r.Young != young || r.Dirty != dirty)
        {
            s.Fail($"returned {r.Short()} but young/dirty over the cleared entries was {(young ? "young" : "old")}/{(dirty ? "dirty" : "clean")}");
        }
    }
}
