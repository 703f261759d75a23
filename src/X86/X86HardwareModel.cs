using ArchPgtable.Hardware;
using static ArchPgtable.X86.X86PteBits;

namespace ArchPgtable.X86;

/// <summary>
/// The x86-64 MMU for a user access through a 4 KiB leaf PTE: not present → #PF (P=0); a write
/// to a read-only entry or any access to a supervisor entry → #PF (P=1); otherwise the CPU sets
/// Accessed, and on a write Dirty, in one locked read-modify-write. A/D never fault. There is
/// no software-visible contiguous mapping (any TLB coalescing is invisible).
/// </summary>
/// <remarks>Kernel: none; Intel SDM Vol. 3 §4.6 and §4.8, hardware-semantics.md §6.2 and §7.3. CET shadow-stack accesses, SMEP/SMAP and protection keys are not modelled.</remarks>
public sealed class X86HardwareModel : IHardwareModel
{
    /// <summary>The one shared instance.</summary>
    /// <remarks>Kernel: none (the CPU).</remarks>
    public static X86HardwareModel Instance { get; } = new();

    /// <inheritdoc/>
    public string Description => "x86-64: the CPU sets Accessed on access and Dirty on write (locked RMW, never a fault)";

    /// <inheritdoc/>
    /// <remarks>Kernel: arch_has_hw_pte_young() (always true on x86)</remarks>
    public bool HardwareAccessFlag => true;

    /// <inheritdoc/>
    public MmuOutcome Translate(Pte descriptor, MemoryAccess access)
    {
        var v = descriptor.Value;
        if ((v & _PAGE_PRESENT) == 0)
        {
            return MmuOutcome.Faulted(MmuFaultKind.Translation);
        }

        if ((v & _PAGE_USER) == 0 || (access == MemoryAccess.Write && (v & _PAGE_RW) == 0))
        {
            return MmuOutcome.Faulted(MmuFaultKind.Permission);
        }

        v |= _PAGE_ACCESSED;
        if (access == MemoryAccess.Write)
        {
            v |= _PAGE_DIRTY;
        }

        return new MmuOutcome(MmuFaultKind.None, new Pte(v));
    }

    /// <inheritdoc/>
    /// <remarks>Kernel: none; x86 has no contiguous-PTE hint.</remarks>
    public int BlockEntries(Pte descriptor) => 1;
}
