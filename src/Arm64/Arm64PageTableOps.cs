using ArchPgtable.Generic;

namespace ArchPgtable.Arm64;

/// <summary>
/// What both arm64 builds share: the granule and its sealed descriptor encoding (the raw
/// <c>__</c> helpers are the static <see cref="Arm64RawPtes"/>). <see cref="Arm64ContPteOps"/> (CONFIG_ARM64_CONTPTE=y) and
/// <see cref="Arm64NoContPteOps"/> (=n) decide which public helpers are overridden.
/// </summary>
/// <remarks>Kernel: arch/arm64/include/asm/pgtable.h</remarks>
public abstract partial class Arm64PageTableOps : GenericPageTableOps
{
    /// <summary>Creates the helpers for one granule.</summary>
    /// <param name="granule">The translation granule.</param>
    /// <param name="vaBits">Virtual address bits (CONFIG_ARM64_VA_BITS).</param>
    /// <param name="debugVm">Check entry-level batch preconditions (CONFIG_DEBUG_VM).</param>
    private protected Arm64PageTableOps(Arm64Granule granule, int vaBits, bool debugVm)
        : base(Arm64PteFormat.For(granule), granule.Geometry(vaBits), debugVm)
    {
        Granule = granule;
        Arm64Format = Arm64PteFormat.For(granule);
    }

    /// <summary>The translation granule.</summary>
    /// <remarks>Kernel: CONFIG_ARM64_{4K,16K,64K}_PAGES</remarks>
    public Arm64Granule Granule { get; }

    /// <summary>The descriptor encoding, typed as the sealed arm64 class (non-virtual calls).</summary>
    /// <remarks>Kernel: the pte_*() accessors of arch/arm64/include/asm/pgtable.h</remarks>
    public Arm64PteFormat Arm64Format { get; }
}
