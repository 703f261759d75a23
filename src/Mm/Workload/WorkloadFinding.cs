namespace ArchPgtable.Mm.Workload;

/// <summary>One finding of a <see cref="RandomWorkload"/> run.</summary>
/// <param name="Kind">Which oracle or bound it broke.</param>
/// <param name="Step">The operation (0-based) after which it was seen; <c>--ops Step+1</c> with the same seed replays it.</param>
/// <param name="Operation">That operation, described.</param>
/// <param name="Text">The finding's own paragraph (with its history).</param>
public sealed record WorkloadFinding(WorkloadFindingKind Kind, long Step, string Operation, string Text);
