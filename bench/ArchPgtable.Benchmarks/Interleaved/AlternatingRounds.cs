namespace ArchPgtable.Benchmarks.Interleaved;

/// <summary>
/// The round-robin both alternating modes (<c>interleave</c>, <c>hooks</c>) time with: every side once per round, the
/// order rotating each round, so a machine whose speed drifts by minutes slows every side alike. The first third of the
/// rounds warms the JIT and is dropped.
/// </summary>
internal static class AlternatingRounds
{
    /// <summary>Runs <paramref name="rounds"/> rounds of <paramref name="sides"/> (each returns its own time).</summary>
    /// <returns>Per side, the times of the kept rounds, in round order (so index i of two sides is the same round).</returns>
    public static double[][] Time(IReadOnlyList<Func<double>> sides, int rounds)
    {
        var warmup = rounds / 3;
        var times = sides.Select(_ => new double[rounds - warmup]).ToArray();
        var row = new double[sides.Count];
        for (var r = 0; r < rounds; r++)
        {
            for (var k = 0; k < sides.Count; k++)
            {
                var j = (r + k) % sides.Count;
                row[j] = sides[j]();
            }

            if (r >= warmup)
            {
                for (var k = 0; k < sides.Count; k++)
                {
                    times[k][r - warmup] = row[k];
                }
            }
        }

        return times;
    }

    /// <summary>The element at <paramref name="fraction"/> of the sorted values (0.5: the median).</summary>
    public static double Quantile(IEnumerable<double> values, double fraction)
    {
        var sorted = values.Order().ToArray();
        return sorted[(int)(fraction * sorted.Length)];
    }
}
