namespace ArchPgtable.Mm.Workload;

/// <summary>What a <see cref="RandomWorkload"/> run did and found.</summary>
/// <param name="Ops">Operations run.</param>
/// <param name="OpCounts">Operations run, by name.</param>
/// <param name="Findings">Everything the oracles and bounds recorded, in order.</param>
/// <param name="ReadsChecked">Reads the data oracle checked.</param>
/// <param name="StoresChecked">Stores the permission and isolation oracles checked.</param>
/// <param name="Stats">Core-mm counts.</param>
public sealed record WorkloadResult(long Ops, IReadOnlyDictionary<string, long> OpCounts, IReadOnlyList<WorkloadFinding> Findings, long ReadsChecked, long StoresChecked, MmStats Stats);
