using ArchPgtable;
using ArchPgtable.Generic.Contiguous;

namespace ToyArch;

/// <summary>
/// The toy helpers with CONFIG_TOY_CONT=y: every helper a contpte architecture overrides comes from the Generic
/// contiguous-block layer (<see cref="ContiguousPageTableOps{TEncoding}"/>) over <see cref="ToyContEncoding"/>; the
/// rest stay the pgtable.h defaults.
/// </summary>
/// <remarks>Kernel: arch/toy built with its contiguous-PTE layer</remarks>
internal sealed class ToyContPageTableOps(bool debugVm, bool forgetStrip)
    : ContiguousPageTableOps<ToyContEncoding>(ToyPteFormat.Instance, Geometry39, new ToyContEncoding(forgetStrip), debugVm)
{
    /// <summary>4 KiB pages, 39-bit VA, 16-entry (64 KiB) contiguous blocks.</summary>
    public static ArchGeometry Geometry39 { get; } = new(pageShift: 12, vaBits: 39, contPtes: ToyPteBits.ContPtes);
}
