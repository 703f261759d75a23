namespace ArchPgtable.Contracts.Running;

/// <summary>
/// How a contract run samples: how many cases, from which run seed (or one replay token), which
/// helper, and a progress hook. A run is a pure function of these options and the build: the same
/// options give the same cases, the same results and the same counterexamples.
/// </summary>
public sealed record ContractOptions
{
    /// <summary>The run seed used when none is given: runs of library users and tests are reproducible by default.</summary>
    public const ulong DefaultRunSeed = 20240607;

    /// <summary>Generated cases per property (default 200). A race case also enumerates every interleaving point of the call.</summary>
    public int Cases { get; init; } = 200;

    /// <summary>
    /// The 64-bit run seed (default <see cref="DefaultRunSeed"/>). Each property draws its cases from its own
    /// PCG stream, derived from this seed and a stable hash of the property's name, so a property's cases do
    /// not depend on which other properties, builds or shards run. Ignored when <see cref="Seed"/> is set.
    /// </summary>
    public ulong RunSeed { get; init; } = DefaultRunSeed;

    /// <summary>
    /// A replay token (a CsCheck seed string, as a counterexample prints it), or null. When set, every selected
    /// property starts from this token instead of its <see cref="RunSeed"/> stream: its first case is exactly the
    /// case the token names (with <see cref="Cases"/> = 1 it replays that counterexample), the next ones follow
    /// deterministically.
    /// </summary>
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

    /// <summary>
    /// Most distinct kinds of failure (<see cref="Counterexample.Kind"/>: the first violated check's family and where the
    /// call starts) one property reports, each with its own shrunk counterexample (default 4). After the first failure
    /// every remaining case is still checked, so that a second bug is not hidden behind a smaller case of the first; a
    /// property that holds costs the same. 1 keeps only the smallest failing case, skipping cases not smaller than it.
    /// </summary>
    public int MaxDistinctFailures { get; init; } = 4;

    /// <summary>Called after every generated case (from the sampling thread); for progress bars.</summary>
    public Action? OnCase { get; init; }
}
