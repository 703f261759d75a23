using System.Globalization;

namespace ArchPgtable.Contracts.Properties;

/// <summary>A generated case for the PTE-format identities: a PFN, the VMA flags of the protection, a sequence of modifiers and an advance.</summary>
/// <param name="PfnSeed">Reduced modulo the format's PFN range.</param>
/// <param name="Flags">VM_READ | VM_WRITE | VM_EXEC | VM_SHARED combination (0..15), as debug_vm_pgtable walks all 16 protections.</param>
/// <param name="Ops">Modifiers: 0 mkold, 1 mkyoung, 2 mkclean, 3 mkdirty, 4 wrprotect, 5 mkwrite.</param>
/// <param name="Advance">pte_advance_pfn() distance.</param>
internal sealed record FormatCase(ulong PfnSeed, int Flags, IReadOnlyList<int> Ops, int Advance)
{
    public static readonly string[] OpNames = ["pte_mkold", "pte_mkyoung", "pte_mkclean", "pte_mkdirty", "pte_wrprotect", "pte_mkwrite"];

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"pfn seed 0x{PfnSeed:x}, vm_flags {(VmFlags)Flags}, ops [{string.Join(", ", Ops.Select(o => OpNames[o]))}], advance {Advance}");
}
