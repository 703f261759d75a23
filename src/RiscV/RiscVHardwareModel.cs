using ArchPgtable.Hardware;
using static ArchPgtable.RiscV.RiscVPteBits;

namespace ArchPgtable.RiscV;

/// <summary>
/// The RV64 MMU for a U-mode load or store through a level-0 leaf: V=0, a reserved encoding
/// (W without R, reserved bits 60:54, PBMT=3, N without Svnapot or with a ppn[3:0] other than
/// 1000b) or a non-leaf → page fault (translation); no U, a load without R or a store without W
/// → page fault (permission); then A=0, or a store with D=0: with Svadu the hart sets A (and D)
/// with one atomic update, with Svade it raises a page fault of the access type (A=0: access
/// flag; D=0: permission) and the kernel sets them. A valid NAPOT entry belongs to a 16-entry
/// range that the TLB may cache as one and whose A/D update may land on any of its entries.
/// </summary>
/// <remarks>Kernel: none; the privileged spec's translation algorithm with Svadu/Svade and Svnapot (hardware-semantics.md §5 and §7.4). MXR, SUM and PMP/PMA are not modelled.</remarks>
public sealed class RiscVHardwareModel : IHardwareModel
{
    /// <summary>Creates the model.</summary>
    /// <param name="svadu">The hart updates A/D (menvcfg.ADUE = 1); false for Svade.</param>
    /// <param name="svnapot">The hart implements Svnapot; false makes N a reserved bit.</param>
    /// <remarks>Kernel: none; the hart's extensions (menvcfg.ADUE, Svnapot) that Linux probes at boot.</remarks>
    public RiscVHardwareModel(bool svadu, bool svnapot)
    {
        Svadu = svadu;
        Svnapot = svnapot;
    }

    /// <summary>True when the hart sets A/D itself (Svadu); false when it faults for them (Svade).</summary>
    /// <remarks>Kernel: RISCV_ISA_EXT_SVADU</remarks>
    public bool Svadu { get; }

    /// <summary>True when NAPOT entries are honoured.</summary>
    /// <remarks>Kernel: RISCV_ISA_EXT_SVNAPOT (has_svnapot())</remarks>
    public bool Svnapot { get; }

    /// <inheritdoc/>
    /// <remarks>Kernel: arch_has_hw_pte_young() (Svadu)</remarks>
    public bool HardwareAccessFlag => Svadu;

    /// <inheritdoc/>
    public string Description =>
        $"riscv64 {(Svadu ? "Svadu: the hart sets A/D atomically" : "Svade: A/D by page fault")}, {(Svnapot ? "Svnapot 64K" : "no Svnapot")}";

    /// <inheritdoc/>
    public MmuOutcome Translate(Pte descriptor, MemoryAccess access)
    {
        var v = descriptor.Value;
        if ((v & _PAGE_PRESENT) == 0 || Reserved(v))
        {
            return MmuOutcome.Faulted(MmuFaultKind.Translation);
        }

        var write = access == MemoryAccess.Write;
        if ((v & _PAGE_USER) == 0 || (v & (write ? _PAGE_WRITE : _PAGE_READ)) == 0)
        {
            return MmuOutcome.Faulted(MmuFaultKind.Permission);
        }

        var need = write ? _PAGE_ACCESSED | _PAGE_DIRTY : _PAGE_ACCESSED;
        if ((v & need) != need)
        {
            if (!Svadu)
            {
                return MmuOutcome.Faulted((v & _PAGE_ACCESSED) == 0 ? MmuFaultKind.AccessFlag : MmuFaultKind.Permission);
            }

            v |= need;
        }

        return new MmuOutcome(MmuFaultKind.None, new Pte(v));
    }

    /// <inheritdoc/>
    /// <remarks>Kernel: napot_pte_num(napot_cont_order(pte)) when pte_napot(), else 1</remarks>
    public int BlockEntries(Pte descriptor) => Svnapot && RiscVPte.ValidNapot(descriptor) ? NapotPtes : 1;

    /// <summary>A reserved encoding: W without R, a non-leaf at level 0, reserved bits, PBMT=3, or an N the hart does not accept.</summary>
    private bool Reserved(ulong v)
    {
        if ((v & (_PAGE_READ | _PAGE_WRITE)) == _PAGE_WRITE || (v & _PAGE_LEAF) == 0)
        {
            return true;
        }

        if ((v & ReservedMask) != 0 || (v & _PAGE_MTMASK) == _PAGE_MTMASK)
        {
            return true;
        }

        return (v & _PAGE_NAPOT) != 0 && (!Svnapot || (v & NapotPpnMask) != NapotPpnPattern);
    }
}
