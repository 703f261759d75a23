namespace ArchPgtable.Hardware;

/// <summary>What the MMU does with one descriptor for one access: a fault, or success with the descriptor value the hardware writes back (equal to the input when it writes nothing).</summary>
/// <param name="Fault">The fault, or <see cref="MmuFaultKind.None"/>.</param>
/// <param name="Updated">The descriptor after hardware A/D management; meaningful only when there is no fault (a faulting access writes nothing).</param>
public readonly record struct MmuOutcome(MmuFaultKind Fault, Pte Updated)
{
    /// <summary>True when the access succeeds.</summary>
    public bool Ok => Fault == MmuFaultKind.None;

    /// <summary>A fault.</summary>
    public static MmuOutcome Faulted(MmuFaultKind kind) => new(kind, default);
}
