using ArchPgtable;
using ArchPgtable.Generic;

namespace ToyArch;

/// <summary>
/// The toy helpers: every pgtable.h default from <see cref="GenericPageTableOps"/>, except
/// ptep_test_and_clear_young. The default reads the entry and stores it back old, which would
/// lose a YOUNG the hardware sets in between (and, worse, anything else it sets); the toy
/// override clears YOUNG with a compare-and-exchange loop instead.
/// </summary>
/// <remarks>Kernel: arch/&lt;arch&gt;/include/asm/pgtable.h with #define __HAVE_ARCH_PTEP_TEST_AND_CLEAR_YOUNG</remarks>
public sealed class ToyPageTableOps(bool debugVm) : GenericPageTableOps(ToyPteFormat.Instance, Geometry39, debugVm)
{
    /// <summary>4 KiB pages, 39-bit VA (three levels), no contiguous blocks.</summary>
    /// <remarks>Kernel: PAGE_SHIFT, VA_BITS, CONFIG_PGTABLE_LEVELS of arch/toy</remarks>
    public static ArchGeometry Geometry39 { get; } = new(pageShift: 12, vaBits: 39, contPtes: 1);

    /// <summary>Clears YOUNG atomically; returns whether it was set.</summary>
    /// <remarks>Kernel: toy_ptep_test_and_clear_young() — the name the "#define view" shows</remarks>
    [KernelHelper("toy_ptep_test_and_clear_young")]
    protected override bool PtepTestAndClearYoungCore(IMmContext vma, ulong addr, PtePointer ptep)
    {
        var pte = ptep.Read();
        while (Format.Young(pte))
        {
            var found = ptep.CompareExchange(Format.MkOld(pte), pte);
            if (found == pte)
            {
                return true;
            }

            pte = found;
        }

        return false;
    }
}
