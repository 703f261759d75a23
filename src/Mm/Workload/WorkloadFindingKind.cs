namespace ArchPgtable.Mm.Workload;

/// <summary>What a <see cref="WorkloadFinding"/> is.</summary>
public enum WorkloadFindingKind
{
    /// <summary>A read returned something other than the last write (the data oracle), or a stale TLB entry survived a flush.</summary>
    DataLoss,

    /// <summary>A store through an entry core mm had not made writable (the permission oracle).</summary>
    Permission,

    /// <summary>One process's private page seen or written by another (the isolation oracle).</summary>
    Isolation,

    /// <summary>An access that kept faulting.</summary>
    FaultLivelock,

    /// <summary>A fault that found no memory after reclaim.</summary>
    OutOfMemory,
}
