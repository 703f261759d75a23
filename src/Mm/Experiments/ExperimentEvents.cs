namespace ArchPgtable.Mm.Experiments;

/// <summary>Core-mm event counts of one measured run, beside the PTE-level <see cref="CostSnapshot"/>.</summary>
/// <param name="FolioLookups">Folio lookups (<see cref="Memory.PhysicalMemory.FolioLookups"/>: vm_normal_folio()/page_folio()).</param>
/// <param name="Faults">Page faults handled.</param>
public readonly record struct ExperimentEvents(long FolioLookups, long Faults)
{
    /// <summary>The counts of <paramref name="system"/> now.</summary>
    public static ExperimentEvents Of(MmSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        return new(system.Memory.FolioLookups, system.Stats.Faults);
    }

    /// <summary>The difference.</summary>
    public static ExperimentEvents operator -(ExperimentEvents a, ExperimentEvents b) =>
        new(a.FolioLookups - b.FolioLookups, a.Faults - b.Faults);

    /// <summary>The difference.</summary>
    public static ExperimentEvents Subtract(ExperimentEvents a, ExperimentEvents b) => a - b;
}
