using ArchPgtable;
using ArchPgtable.Hardware;
using static ToyArch.ToyPteBits;

namespace ToyArch;

/// <summary>
/// The toy MMU: an invalid entry is a translation fault; a supervisor page, or a write to a
/// read-only page, a permission fault. The hardware sets YOUNG (one atomic update) when
/// <see cref="HardwareAccessFlag"/>, else an old entry faults; it never sets DIRTY, so a write to
/// a clean writable entry is a permission fault that software resolves with
/// ptep_set_access_flags(). A valid entry with CONT is one of a 16-entry block: the MMU may set
/// YOUNG on any entry of it.
/// </summary>
/// <remarks>Kernel: none; the hardware the plugin describes.</remarks>
public sealed class ToyHardwareModel(bool hardwareYoung) : IHardwareModel
{
    /// <inheritdoc/>
    public string Description => $"toy: {(hardwareYoung ? "hardware" : "software")} YOUNG, software DIRTY";

    /// <inheritdoc/>
    public bool HardwareAccessFlag => hardwareYoung;

    /// <inheritdoc/>
    public MmuOutcome Translate(Pte descriptor, MemoryAccess access)
    {
        var v = descriptor.Value;
        if ((v & Valid) == 0)
        {
            return MmuOutcome.Faulted(MmuFaultKind.Translation);
        }

        if ((v & Young) == 0)
        {
            if (!hardwareYoung)
            {
                return MmuOutcome.Faulted(MmuFaultKind.AccessFlag);
            }

            v |= Young;
        }

        var write = access == MemoryAccess.Write;
        if ((v & User) == 0 || (write && (v & (Write | Dirty)) != (Write | Dirty)))
        {
            return MmuOutcome.Faulted(MmuFaultKind.Permission);
        }

        return new MmuOutcome(MmuFaultKind.None, new Pte(v));
    }

    /// <inheritdoc/>
    public int BlockEntries(Pte descriptor) => (descriptor.Value & (Valid | Cont)) == (Valid | Cont) ? ContPtes : 1;
}
