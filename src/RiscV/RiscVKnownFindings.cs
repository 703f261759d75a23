using ArchPgtable.Plugins;

namespace ArchPgtable.RiscV;

/// <summary>
/// What the contract suite finds in upstream riscv's helpers, declared so that <c>verify</c>
/// reports it as an expected failure (XFAIL) with its counterexample instead of hiding it.
/// </summary>
/// <remarks>Kernel: arch/riscv/mm/pgtable.c</remarks>
public static class RiscVKnownFindings
{
    /// <summary>
    /// With Svadu, <c>ptep_set_access_flags()</c> can lose a dirty bit the hart sets. Upstream
    /// compares the entry with the caller's <c>entry</c> (built from <c>vmf-&gt;orig_pte</c>) and,
    /// when they differ, stores <c>entry</c> with a plain write; a hart that stores to the page
    /// between the caller reading <c>orig_pte</c> and that write sets D, and the write takes it away.
    /// Reachable from a read fault on an old, writable, clean entry (a spurious fault on a hart
    /// without Svvptc) while another hart writes the page; the page can then be reclaimed as
    /// clean. arm64 avoids it with a compare-and-exchange that ORs the new bits in; x86 writes only
    /// when <c>dirty</c> is set. Under Svade the hart never sets A/D, so there is nothing to lose.
    /// </summary>
    /// <remarks>Kernel: ptep_set_access_flags() (arch/riscv/mm/pgtable.c), since Svadu support (v6.13)</remarks>
    public static IReadOnlyList<KnownFinding> Svadu { get; } =
    [
        new KnownFinding(
            "ptep_set_access_flags/race",
            "upstream riscv stores the caller's entry with a plain write when it differs from the PTE; "
            + "a Svadu hart that sets D in between (another hart writing the page during a spurious read fault "
            + "on an old, writable, clean entry) loses it. arm64 ORs the bits in with cmpxchg; x86 writes only when dirty=1",
            "arch/riscv/mm/pgtable.c: ptep_set_access_flags()"),
    ];

    /// <summary>
    /// The same upstream flaw on a machine whose harts use Svade but whose RISC-V IOMMU (SVA) sets A/D in hardware:
    /// the device's store sets D between the fault handler's read and its plain write, and the write takes it away.
    /// </summary>
    /// <remarks>Kernel: ptep_set_access_flags() (arch/riscv/mm/pgtable.c); drivers/iommu/riscv (hardware A/D)</remarks>
    public static IReadOnlyList<KnownFinding> DeviceAd { get; } =
    [
        new KnownFinding(
            "ptep_set_access_flags/race",
            "upstream riscv stores the caller's entry with a plain write when it differs from the PTE; "
            + "an IOMMU walking the process's tables with hardware A/D that sets D in between loses it, even when the harts use Svade",
            "arch/riscv/mm/pgtable.c: ptep_set_access_flags()"),
    ];
}
