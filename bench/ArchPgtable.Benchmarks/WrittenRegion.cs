using ArchPgtable.Mm;
using ArchPgtable.Mm.Memory;

namespace ArchPgtable.Benchmarks;

/// <summary>The MADV_FREE benchmarks' starting state: a fresh arm64 machine with a region of 64K folios, every page written.</summary>
internal static class WrittenRegion
{
    /// <summary>Maps <c>[start, start + size)</c> read-write on a new machine with just enough memory and writes every page through the MMU.</summary>
    public static MmStruct Of64KFolios(ulong start, ulong size)
    {
        var arch = Archs.Arm64();
        var sys = new MmSystem(arch, new MmOptions
        {
            PhysicalPages = (long)(size >> arch.Geometry.PageShift) + 4096,
            Thp = ThpPolicy.ForFolioSize(64 << 10, arch.Geometry.PageSize),
            Oracle = false,
        });
        var mm = sys.CreateMm();
        mm.Mmap(start, size, VmFlags.Read | VmFlags.Write);
        for (var va = start; va < start + size; va += arch.Geometry.PageSize)
        {
            sys.Mmu.Write(mm, va);
        }

        return mm;
    }
}
