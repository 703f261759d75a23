namespace ArchPgtable.Mm.Experiments;

/// <summary>
/// The measured part of one experiment run, as <see cref="Experiment.Measure"/> hands it to the experiment: work done
/// through <see cref="Unmeasured{T}"/> (counting entries between two measured calls) is left out of the event counts.
/// </summary>
public sealed class Measurement
{
    private readonly MmSystem _system;
    private readonly List<(CostSnapshot Before, CostSnapshot After)> _excluded = [];

    internal Measurement(MmSystem system) => _system = system;

    /// <summary>Arguments of the trace's end event (e.g. fork's child id).</summary>
    public IReadOnlyList<Tracing.TraceArg> EndArgs { get; set; } = [];

    /// <summary>Runs <paramref name="read"/> with its PTE reads and other events left out of the measured counts; returns its value.</summary>
    public T Unmeasured<T>(Func<T> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        var before = _system.Counters.Snapshot();
        var value = read();
        _excluded.Add((before, _system.Counters.Snapshot()));
        return value;
    }

    /// <summary><paramref name="total"/> without what <see cref="Unmeasured{T}"/> counted.</summary>
    internal CostSnapshot Exclude(CostSnapshot total)
    {
        foreach (var (before, after) in _excluded)
        {
            total -= after - before;
        }

        return total;
    }
}
