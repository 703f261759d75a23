using System.Globalization;
using ArchPgtable.Contracts.Checking;
using ArchPgtable.Contracts.World;

namespace ArchPgtable.Contracts.Helpers;

/// <summary>
/// <c>pte_batch_hint(ptep, pte)</c> with <c>pte = ptep_get(ptep)</c>: at least 1, never past the
/// table, and every entry it covers maps the next consecutive PFN with the same write permission
/// and attributes and the same dirty state (the hint's dirty state applies to all of them
/// atomically; young may differ); it changes nothing.
/// </summary>
internal sealed class PteBatchHintContract : HelperContract
{
    public override string Helper => "pte_batch_hint";

    public override string Member => nameof(IPageTableOps.PteBatchHint);

    public override CallShape Shape => CallShape.Single;

    public override string Summary =>
        "1 <= n <= entries left in the table; the n entries map consecutive pfns with identical write, attributes and dirty; nothing is written";

    public override CallResult Invoke(ContractWorld w, in ResolvedCall c)
    {
        var p = w.P(c.Start);
        return CallResult.Of(w.Ops.PteBatchHint(p, w.Ops.PtepGet(p)));
    }

    public override string Describe(ContractWorld w, in ResolvedCall c) => $"pte_batch_hint({w.Where(c.Start)}, ptep_get())";

    public override void Check(CaseState s)
    {
        var p = s.Call.Start;
        var n = s.Result.Count;
        if (n < 1 || n > s.World.Table.Count - p)
        {
            s.Fail(string.Create(CultureInfo.InvariantCulture, $"{s.World.Where(p)}: hint {n} is outside 1..{s.World.Table.Count - p}"));
            return;
        }

        var first = s.Before(p);
        for (var k = 1; k < n; k++)
        {
            var i = p + k;
            if (i >= s.RegionEnd)
            {
                s.Fail(string.Create(CultureInfo.InvariantCulture, $"{s.World.Where(p)}: hint {n} covers {s.World.Where(i)}, which maps nothing"));
                return;
            }

            var v = s.Before(i);
            if (!v.Present || v.Pfn != first.Pfn + (ulong)k || v.Write != first.Write || v.Attr != first.Attr || v.Dirty != first.Dirty)
            {
                s.Fail(i, string.Create(CultureInfo.InvariantCulture,
                    $"covered by the hint {n} from {s.World.Where(p)} ({first.Short()}) but not pfn+{k} with the same write, attributes and dirty state"));
                return;
            }
        }

        if (s.Writes.Count > 0)
        {
            s.Fail($"pte_batch_hint made {s.Writes.Count} write(s)");
        }
    }
}
