using System.Globalization;

namespace ArchPgtable.Contracts.Checking;

/// <summary>Renders the entries of a case for a counterexample: the range, the window and whatever changed, one neighbour either side.</summary>
internal static class EntryTable
{
    private const int MaxLines = 48;

    public static void Render(CaseState s, List<string> lines)
    {
        var lo = s.Call.Start;
        var hi = s.Call.End;
        for (var i = s.RegionStart; i < s.RegionEnd; i++)
        {
            if (s.InWindow(i) || s.BeforeRaw(i) != s.AfterRaw(i))
            {
                lo = Math.Min(lo, i);
                hi = Math.Max(hi, i + 1);
            }
        }

        lo = Math.Max(s.RegionStart, lo - 1);
        hi = Math.Min(s.RegionEnd, hi + 1);
        var terse = hi - lo > MaxLines;
        var f = s.World.Format;
        for (var i = lo; i < hi; i++)
        {
            var changed = s.BeforeRaw(i) != s.AfterRaw(i);
            var edge = i == lo || i == hi - 1 || i == s.Call.Start || i == s.Call.End - 1;
            if (terse && !changed && !edge)
            {
                continue;
            }

            var mark = s.Call.Contains(i) ? "R" : s.InWindow(i) ? "b" : " ";
            var b = s.Before(i);
            var a = s.After(i);
            var raw = changed
                ? $"{f.Describe(new Pte(s.BeforeRaw(i)))} -> {f.Describe(new Pte(s.AfterRaw(i)))}"
                : $"{f.Describe(new Pte(s.BeforeRaw(i)))} (unchanged)";
            lines.Add(string.Create(CultureInfo.InvariantCulture,
                $"{mark} pte[{i}]: {b.Short()} -> {a.Short()}{(b.SameView(a) ? "" : " *")} | raw {raw}"));
        }

        if (terse)
        {
            lines.Add("(unchanged entries inside the range and its blocks omitted)");
        }
    }
}
