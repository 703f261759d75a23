namespace ArchPgtable.Contracts.Running;

/// <summary>How a contract run samples: how many cases, from which seed, which helper, and a progress hook.</summary>
public sealed record ContractOptions
{
    /// <summary>Generated cases per property (default 200). A race case also enumerates every interleaving point of the call.</summary>
    public int Cases { get; init; } = 200;

    /// <summary>A CsCheck seed: the first case of every property is generated from it (a counterexample's seed replays it exactly); null for a fresh random run.</summary>
    public string? Seed { get; init; }

    /// <summary>Run only the properties of this helper (kernel name, e.g. <c>clear_young_dirty_ptes</c>); null for all.</summary>
    public string? Helper { get; init; }

    /// <summary>Also race-check helpers whose include/linux/pgtable.h default is in force (they are not atomic against hardware A/D by design; see the README).</summary>
    public bool RaceOnDefaults { get; init; }

    /// <summary>
    /// The machine whose agents the properties race against and check fault progress for: every distinct kind of
    /// agent (CPU, SMMU/IOMMU, with its effective hardware A/D and block entry) runs the cases. Null (the default) is the
    /// build's single CPU.
    /// </summary>
    public ArchPgtable.Machines.MachineDescription? Machine { get; init; }

    /// <summary>Most shrink attempts after a failure (default 20000).</summary>
    public int MaxShrinkAttempts { get; init; } = 20000;

    /// <summary>Called after every generated case (from the sampling thread); for progress bars.</summary>
    public Action? OnCase { get; init; }
}
