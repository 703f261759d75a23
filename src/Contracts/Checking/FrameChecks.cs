using System.Globalization;

namespace ArchPgtable.Contracts.Checking;

/// <summary>
/// The frame rules every helper shares: what may change outside the range, where software may
/// write, how many folds and unfolds are allowed, and that the arch invariants still hold.
/// </summary>
internal static class FrameChecks
{
    /// <summary>
    /// Entries outside the range: inside the window their mapping (present, PFN, write, attributes)
    /// is kept and young/dirty change only as allowed; outside it nothing core mm sees changes.
    /// </summary>
    /// <param name="s">The case.</param>
    /// <param name="youngMay">How young may change inside the window.</param>
    /// <param name="dirtyMay">How dirty may change inside the window.</param>
    public static void Outside(CaseState s, AdChange youngMay, AdChange dirtyMay)
    {
        for (var i = s.RegionStart; i < s.RegionEnd; i++)
        {
            if (s.Call.Contains(i))
            {
                continue;
            }

            var b = s.Before(i);
            var a = s.After(i);
            if (!s.InWindow(i))
            {
                if (!b.SameView(a))
                {
                    s.Fail(i, "outside the range and every block it touches, yet its ptep_get() view changed");
                }

                continue;
            }

            if (!b.SameMapping(a))
            {
                s.Fail(i, "outside the range (in a block it touches): present/pfn/write/attributes changed");
            }

            Ad(s, i, "young", b.Young, a.Young, youngMay);
            Ad(s, i, "dirty", b.Dirty, a.Dirty, dirtyMay);
        }
    }

    /// <summary>Checks one young/dirty transition against what is allowed.</summary>
    public static void Ad(CaseState s, int index, string bit, bool before, bool after, AdChange may)
    {
        if (before == after)
        {
            return;
        }

        if (before && may != AdChange.MayClear)
        {
            s.Fail(index, $"lost {bit}");
        }
        else if (!before && may != AdChange.MayGain)
        {
            s.Fail(index, $"gained {bit}");
        }
    }

    /// <summary>Every software write landed inside the window (the range and the blocks it touches).</summary>
    public static void WritesInWindow(CaseState s)
    {
        foreach (var w in s.Writes)
        {
            if (!s.InWindow(w.Index))
            {
                s.Fail(string.Create(CultureInfo.InvariantCulture,
                    $"{s.World.Where(w.Index)}: written ({w.Kind}) although it lies outside the range and every block the range touches"));
                return;
            }
        }
    }

    /// <summary>No more folds and unfolds than allowed.</summary>
    public static void FoldUnfold(CaseState s, int folds, int unfolds)
    {
        if (s.Cost.Folds > folds || s.Cost.Unfolds > unfolds)
        {
            s.Fail(string.Create(CultureInfo.InvariantCulture,
                $"{s.Cost.Folds} fold(s) and {s.Cost.Unfolds} unfold(s); at most {folds} and {unfolds} allowed"));
        }
    }

    /// <summary>The arch's invariants hold after the call.</summary>
    public static void Invariants(CaseState s)
    {
        var violation = s.World.CheckInvariants();
        if (violation is not null)
        {
            s.Fail("arch invariant broken: " + violation);
        }
    }
}
