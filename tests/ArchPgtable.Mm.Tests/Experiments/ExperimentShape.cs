using ArchPgtable.Mm.Experiments;

namespace ArchPgtable.Mm.Tests.Experiments;

/// <summary>
/// Shape checks of an experiment's rows against its published table: the sign of every change (a published change
/// within ±5% counts as "no change") and the order of the sizes (where the published change grows with the folio
/// size, so must the model's). Never a fitted value.
/// </summary>
internal static class ExperimentShape
{
    public const double Flat = 0.05;

    public static void SignsMatch(IReadOnlyList<ExperimentRow> rows)
    {
        foreach (var r in rows.Where(r => r.Published?.EffectiveChange is not null))
        {
            var published = r.Published!.EffectiveChange!.Value;
            var why = $"{r.FolioBytes / 1024}K: model {r.Change:P1}, published {published:P1}";
            if (Math.Abs(published) <= Flat)
            {
                Assert.True(Math.Abs(r.Change) <= Flat, why);
            }
            else
            {
                Assert.True(Math.Sign(r.Change) == Math.Sign(published) && Math.Abs(r.Change) > Flat, why);
            }
        }
    }

    /// <summary>Between any two published sizes whose published changes differ by more than 2 points, the model's changes are ordered the same way.</summary>
    public static void OrderMatches(IReadOnlyList<ExperimentRow> rows)
    {
        var published = rows.Where(r => r.Published?.EffectiveChange is not null).ToList();
        foreach (var a in published)
        {
            foreach (var b in published.Where(b => b.FolioBytes > a.FolioBytes))
            {
                var pa = a.Published!.EffectiveChange!.Value;
                var pb = b.Published!.EffectiveChange!.Value;
                if (Math.Abs(pa - pb) > 0.02)
                {
                    Assert.True(Math.Sign(b.Change - a.Change) == Math.Sign(pb - pa),
                        $"{a.FolioBytes / 1024}K → {b.FolioBytes / 1024}K: model {a.Change:P1} → {b.Change:P1}, published {pa:P1} → {pb:P1}");
                }
            }
        }
    }
}
