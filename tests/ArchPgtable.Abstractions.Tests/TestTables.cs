namespace ArchPgtable.Abstractions.Tests;

/// <summary>The tables the PteTable tests start from, and their words read back without counting.</summary>
internal static class TestTables
{
    /// <summary>
    /// A table of <paramref name="entries"/> random words (seeded), written bare, then <paramref name="counters"/>
    /// attached: they count only what the test does.
    /// </summary>
    public static PteTable Random(CostCounters? counters, int seed, int entries = 16)
    {
        var t = new PteTable(entries);
        var random = new Random(seed);
        for (var i = 0; i < entries; i++)
        {
            t.Write(i, new Pte((ulong)random.NextInt64()));
        }

        t.Counters = counters;
        return t;
    }

    /// <summary>Every word of <paramref name="t"/>, read without counting or observing.</summary>
    public static ulong[] Words(PteTable t)
    {
        var words = new ulong[t.Count];
        t.CopyTo(words);
        return words;
    }
}
