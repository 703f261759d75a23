using ArchPgtable.Mm.Operations;

namespace ArchPgtable.Mm.Workload;

/// <summary>Which algorithm of each core-mm path the workload runs: a random choice per call (the default), or one fixed, or a known-bad variant injected.</summary>
public enum WorkloadPaths
{
    /// <summary>Old or new, chosen at random for every call of every path.</summary>
    Mixed,

    /// <summary>Every path's pre-batching algorithm.</summary>
    Old,

    /// <summary>Every path's batched (mainline) algorithm.</summary>
    New,

    /// <summary>Fault injection: mremap batches ignoring the write bit (<see cref="MremapAlgorithm.NewIgnoringWrite"/>), the rest mixed.</summary>
    BadMremap,

    /// <summary>Fault injection: mprotect's write upgrade decided by the batch's first page (<see cref="MprotectAlgorithm.NewFirstPageDecides"/>), the rest mixed.</summary>
    BadMprotect,
}
