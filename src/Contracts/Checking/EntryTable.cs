using System.Globalization;
using ArchPgtable.Contracts.World;

namespace ArchPgtable.Contracts.Checking;

/// <summary>
/// Renders the entries of a case for a counterexample: the range, the window and whatever changed,
/// one neighbour either side. Consecutive entries that differ only by their (consecutive) PFN are
/// printed once as <c>pte[a..b]</c>.
/// </summary>
internal static class EntryTable
{
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
        var i0 = lo;
        while (i0 < hi)
        {
            var end = i0 + 1;
            while (end < hi && Same(s, end - 1, end))
            {
                end++;
            }

            lines.Add(Line(s, i0, end));
            i0 = end;
        }
    }

    private static bool Same(CaseState s, int a, int b)
    {
        if (Mark(s, a) != Mark(s, b))
        {
            return false;
        }

        var f = s.World.Format;
        return Next(s.Before(a), s.Before(b)) && Next(s.After(a), s.After(b))
            && Prot(f, s.BeforeRaw(a)) == Prot(f, s.BeforeRaw(b)) && Prot(f, s.AfterRaw(a)) == Prot(f, s.AfterRaw(b))
            && (s.BeforeRaw(a) == s.AfterRaw(a)) == (s.BeforeRaw(b) == s.AfterRaw(b));
    }

    private static bool Next(PteView a, PteView b) => a.Present == b.Present
        && (a.Present ? a.Pfn + 1 == b.Pfn && a.Write == b.Write && a.Young == b.Young && a.Dirty == b.Dirty && a.Attr == b.Attr : a.Value == b.Value);

    private static ulong Prot(IPteFormat f, ulong raw) => f.Present(new Pte(raw)) ? f.Pgprot(new Pte(raw)).Value : raw;

    private static string Mark(CaseState s, int i) => s.Call.Contains(i) ? "R" : s.InWindow(i) ? "b" : " ";

    private static string Line(CaseState s, int start, int end)
    {
        var f = s.World.Format;
        var b = s.Before(start);
        var a = s.After(start);
        var changed = s.BeforeRaw(start) != s.AfterRaw(start);
        var raw = changed
            ? $"{f.Describe(new Pte(s.BeforeRaw(start)))} -> {f.Describe(new Pte(s.AfterRaw(start)))}"
            : $"{f.Describe(new Pte(s.BeforeRaw(start)))} (unchanged)";
        var which = end - start == 1
            ? string.Create(CultureInfo.InvariantCulture, $"pte[{start}]")
            : string.Create(CultureInfo.InvariantCulture, $"pte[{start}..{end - 1}]");
        var more = end - start > 1 && b.Present ? " (pfn +1 per entry)" : "";
        return $"{Mark(s, start)} {which}: {b.Short()} -> {a.Short()}{(b.SameView(a) ? "" : " *")} | raw {raw}{more}";
    }
}
