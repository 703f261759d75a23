namespace ArchPgtable.Mm.Experiments;

/// <summary>Every experiment of the suite, by name, in the order <c>experiment list</c> and <c>experiment all</c> use.</summary>
public static class ExperimentCatalog
{
    /// <summary>The experiments.</summary>
    public static IReadOnlyList<Experiment> All { get; } = [new Lazyfree(), new ForkCopy(), new ContPteConvert(), new MprotectToggle(), new MremapMove(), new ReclaimReferenced()];

    /// <summary>The experiment called <paramref name="name"/> (case-insensitive), or null.</summary>
    public static Experiment? Find(string name) =>
        All.FirstOrDefault(e => string.Equals(e.Name, name, StringComparison.OrdinalIgnoreCase));
}
