namespace ArchPgtable.Hardware;

/// <summary>
/// An architecture's MMU rules for a last-level descriptor: which accesses fault, and which
/// access-flag and dirty updates the hardware makes itself (always as one compare-and-swap
/// from the value it read, and never on a faulting access). The MMU engine in Mm applies it.
/// </summary>
/// <remarks>Kernel: none; what the CPU does to PTEs (arm64 FEAT_HAFDBS, x86 A/D assists, RISC-V Svadu/Svade).</remarks>
public interface IHardwareModel
{
    /// <summary>A one-line description, e.g. <c>arm64 FEAT_HAFDBS: HA=1 HD=1</c>.</summary>
    string Description { get; }

    /// <summary>True when hardware sets the access flag (no fault for an old entry).</summary>
    /// <remarks>Kernel: arch_has_hw_pte_young()</remarks>
    bool HardwareAccessFlag { get; }

    /// <summary>Evaluates a user access through <paramref name="descriptor"/>.</summary>
    /// <param name="descriptor">The descriptor the walk read.</param>
    /// <param name="access">The access.</param>
    /// <returns>The fault, or success with the value hardware writes back.</returns>
    MmuOutcome Translate(Pte descriptor, MemoryAccess access);

    /// <summary>
    /// The number of entries in the naturally aligned block the descriptor belongs to, when the
    /// TLB may cache that block as one entry and hardware may update any entry of it (arm64
    /// PTE_CONT, RISC-V Svnapot); 1 otherwise.
    /// </summary>
    /// <remarks>Kernel: CONT_PTES when pte_valid_cont(); napot_pte_num() when pte_napot().</remarks>
    int BlockEntries(Pte descriptor);
}
