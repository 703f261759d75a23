namespace ArchPgtable.Hardware;

/// <summary>Why the MMU refused an access; <see cref="None"/> when it did not.</summary>
/// <remarks>Kernel: the fault classes do_page_fault() sees (arm64 ESR FSC, x86 #PF error code, RISC-V page-fault causes).</remarks>
public enum MmuFaultKind
{
    /// <summary>The access succeeds.</summary>
    None,

    /// <summary>The descriptor is invalid (none, swap, PROT_NONE).</summary>
    /// <remarks>Kernel: arm64 translation fault, x86 #PF with P=0, RISC-V page fault on V=0.</remarks>
    Translation,

    /// <summary>The access flag is clear and hardware does not set it.</summary>
    /// <remarks>Kernel: arm64 access-flag fault (HA=0); RISC-V Svade page fault on A=0.</remarks>
    AccessFlag,

    /// <summary>The access needs a permission the descriptor does not grant, or a dirty update hardware does not make.</summary>
    /// <remarks>Kernel: arm64 permission fault; x86 #PF with P=1; RISC-V page fault (W=0, or Svade D=0).</remarks>
    Permission,
}
