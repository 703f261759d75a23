namespace ArchPgtable.Contracts.World;

/// <summary>What one simulated hardware access did.</summary>
internal enum HardwareOutcome
{
    /// <summary>A TLB entry granted the access; no descriptor was touched.</summary>
    TlbHit,

    /// <summary>The walk succeeded; the descriptor needed no update.</summary>
    Walked,

    /// <summary>The walk succeeded and the hardware set the access flag and/or dirty state by compare-and-swap.</summary>
    Updated,

    /// <summary>The descriptor does not allow the access (the CPU would take a fault).</summary>
    Faulted,
}
