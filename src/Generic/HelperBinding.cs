namespace ArchPgtable.Generic;

/// <summary>One row of the "#define view": which implementation of a helper is in force.</summary>
/// <param name="Name">The helper's kernel name, e.g. <c>clear_young_dirty_ptes</c>.</param>
/// <param name="IsOverride">True when the architecture overrides the generic default.</param>
/// <param name="Impl">The kernel name of the function in force, e.g. <c>contpte_clear_young_dirty_ptes</c>.</param>
/// <remarks>Kernel: whether arch/*/include/asm/pgtable.h has <c>#define helper helper</c>.</remarks>
public sealed record HelperBinding(string Name, bool IsOverride, string Impl);
