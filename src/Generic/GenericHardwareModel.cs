using ArchPgtable.Hardware;

namespace ArchPgtable.Generic;

/// <summary>
/// The <c>generic</c> architecture's MMU: x86-style hardware A/D management. An access to a
/// present entry sets YOUNG, a write to a writable entry also sets DIRTY, both in one atomic
/// update, and neither ever faults; a write to a non-writable entry is a permission fault.
/// No contiguous blocks.
/// </summary>
/// <remarks>Kernel: none; modelled on x86-64 (SDM Vol. 3 §4.8).</remarks>
public sealed class GenericHardwareModel : IHardwareModel
{
    /// <summary>The one shared instance.</summary>
    public static GenericHardwareModel Instance { get; } = new();

    /// <inheritdoc/>
    public string Description => "generic: hardware sets YOUNG on access and DIRTY on write";

    /// <inheritdoc/>
    public bool HardwareAccessFlag => true;

    /// <inheritdoc/>
    public MmuOutcome Translate(Pte descriptor, MemoryAccess access)
    {
        var v = descriptor.Value;
        if ((v & GenericPteFormat.PresentBit) == 0)
        {
            return MmuOutcome.Faulted(MmuFaultKind.Translation);
        }

        if (access == MemoryAccess.Write && (v & GenericPteFormat.WriteBit) == 0)
        {
            return MmuOutcome.Faulted(MmuFaultKind.Permission);
        }

        v |= GenericPteFormat.YoungBit;
        if (access == MemoryAccess.Write)
        {
            v |= GenericPteFormat.DirtyBit;
        }

        return new MmuOutcome(MmuFaultKind.None, new Pte(v));
    }

    /// <inheritdoc/>
    public int BlockEntries(Pte descriptor) => 1;
}
