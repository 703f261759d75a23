using ArchPgtable.Hardware;
using static ArchPgtable.Arm64.Arm64PteBits;

namespace ArchPgtable.Arm64;

/// <summary>
/// The arm64 stage-1 MMU for an EL0 access through a level-3 page descriptor: translation
/// fault on an invalid entry; with TCR.HA the access flag is set by hardware, without it an
/// old entry takes an access-flag fault (checked before permissions); with TCR.HD a write to a
/// DBM (PTE_WRITE) entry clears AP[2] (PTE_RDONLY) instead of faulting; otherwise a write to a
/// read-only entry is a permission fault. A valid PTE_CONT entry belongs to a block of CONT_PTES
/// entries that the TLB may cache as one and whose A/D update may land on any entry.
/// </summary>
/// <remarks>Kernel: none; FEAT_HAFDBS as hardware-semantics.md §2 and §7.2 describe it (enabled by CONFIG_ARM64_HW_AFDBM).</remarks>
public sealed class Arm64HardwareModel : IHardwareModel
{
    private readonly int _contPtes;

    /// <summary>Creates the model.</summary>
    /// <param name="hardwareAccessFlag">TCR_EL1.HA: hardware sets the access flag.</param>
    /// <param name="hardwareDirty">TCR_EL1.HD: hardware clears AP[2] on a write to a DBM entry (needs HA).</param>
    /// <param name="contPtes">CONT_PTES of the granule.</param>
    public Arm64HardwareModel(bool hardwareAccessFlag, bool hardwareDirty, int contPtes)
    {
        if (hardwareDirty && !hardwareAccessFlag)
        {
            throw new ArgumentException("hardware dirty management (HD) needs hardware access-flag management (HA).", nameof(hardwareDirty));
        }

        HardwareAccessFlag = hardwareAccessFlag;
        HardwareDirty = hardwareDirty;
        _contPtes = contPtes;
    }

    /// <inheritdoc/>
    /// <remarks>Kernel: arch_has_hw_pte_young() (cpu_has_hw_af())</remarks>
    public bool HardwareAccessFlag { get; }

    /// <summary>TCR_EL1.HD: hardware dirty-state management through DBM.</summary>
    /// <remarks>Kernel: the ARM64_HW_DBM capability</remarks>
    public bool HardwareDirty { get; }

    /// <inheritdoc/>
    public string Description => $"arm64 FEAT_HAFDBS: HA={(HardwareAccessFlag ? 1 : 0)} HD={(HardwareDirty ? 1 : 0)}";

    /// <inheritdoc/>
    public MmuOutcome Translate(Pte descriptor, MemoryAccess access)
    {
        var d = descriptor.Value;
        if ((d & PTE_TYPE_MASK) != PTE_TYPE_PAGE)
        {
            return MmuOutcome.Faulted(MmuFaultKind.Translation);
        }

        var n = d;
        if ((n & PTE_AF) == 0)
        {
            if (!HardwareAccessFlag)
            {
                return MmuOutcome.Faulted(MmuFaultKind.AccessFlag);
            }

            n |= PTE_AF;
        }

        if (access == MemoryAccess.Write && HardwareDirty && (n & PTE_DBM) != 0)
        {
            n &= ~PTE_RDONLY;
        }

        if ((n & PTE_USER) == 0 || (access == MemoryAccess.Write && (n & PTE_RDONLY) != 0))
        {
            return MmuOutcome.Faulted(MmuFaultKind.Permission);
        }

        return new MmuOutcome(MmuFaultKind.None, new Pte(n));
    }

    /// <inheritdoc/>
    /// <remarks>Kernel: pte_valid_cont() ? CONT_PTES : 1</remarks>
    public int BlockEntries(Pte descriptor) =>
        (descriptor.Value & (PTE_VALID | PTE_CONT)) == (PTE_VALID | PTE_CONT) ? _contPtes : 1;
}
