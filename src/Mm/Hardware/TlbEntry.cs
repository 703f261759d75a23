namespace ArchPgtable.Mm.Hardware;

/// <summary>One cached translation: a page, or a whole contiguous block cached as one entry.</summary>
/// <param name="BaseVpn">The first virtual page number covered.</param>
/// <param name="Pages">Pages covered (1, or the block size).</param>
/// <param name="Descriptor">The descriptor value the entry was filled from (after the hardware's update).</param>
/// <param name="BasePfn">The PFN mapped at <paramref name="BaseVpn"/>.</param>
public readonly record struct TlbEntry(ulong BaseVpn, int Pages, Pte Descriptor, ulong BasePfn);
