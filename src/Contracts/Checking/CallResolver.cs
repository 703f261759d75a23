using ArchPgtable.Contracts.Generation;
using ArchPgtable.Contracts.World;

namespace ArchPgtable.Contracts.Checking;

/// <summary>Turns a <see cref="CallSpec"/> into concrete arguments that satisfy the batch contract on the built state.</summary>
internal static class CallResolver
{
    /// <summary>A range of present entries mapping consecutive pages of one folio, or false when the state has none.</summary>
    public static bool TryRange(ContractWorld w, CallSpec spec, bool single, out int start, out int nr, out int runEnd)
    {
        start = nr = runEnd = 0;
        var runs = 0;
        for (var pass = 0; pass < 2; pass++)
        {
            var want = pass == 0 ? -1 : spec.RunPick % runs;
            var k = 0;
            var i = w.RegionStart;
            while (i < w.RegionEnd)
            {
                var end = RunEnd(w, i);
                if (end == i)
                {
                    i++;
                    continue;
                }

                if (pass == 1 && k == want)
                {
                    var len = end - i;
                    start = i + (spec.StartPick % len);
                    nr = single ? 1 : 1 + (spec.LenPick % (end - start));
                    runEnd = end;
                    return true;
                }

                k++;
                i = end;
            }

            runs = k;
            if (runs == 0)
            {
                return false;
            }
        }

        return false;
    }

    /// <summary>One past the run of present, consecutive pages of one folio that starts at <paramref name="i"/> (i itself when it is not present).</summary>
    private static int RunEnd(ContractWorld w, int i)
    {
        var f = w.Format;
        var first = w.Table.Peek(i);
        if (!f.Present(first) || !w.Mm.TryGetFolio(f.Pfn(first), out var folio))
        {
            return i;
        }

        var pfn = f.Pfn(first);
        var end = i + 1;
        while (end < w.RegionEnd)
        {
            var next = w.Table.Peek(end);
            if (!f.Present(next) || f.Pfn(next) != pfn + (ulong)(end - i) || !folio.Contains(f.Pfn(next)))
            {
                break;
            }

            end++;
        }

        return end;
    }
}
