using System.Runtime.InteropServices;
using ArchPgtable.Arm64;

namespace ArchPgtable.Benchmarks;

/// <summary>
/// Native memory for the C floor: <see cref="Length"/> 64-bit entries filled as floor.c's main() fills its table
/// (a present, young, dirty user entry per page). Freed by <see cref="Dispose"/>.
/// </summary>
internal sealed unsafe class FloorTable : IDisposable
{
    public FloorTable(int length)
    {
        Length = length;
        Pointer = (ulong*)NativeMemory.AlignedAlloc((nuint)length * sizeof(ulong), 64);
        for (var i = 0; i < length; i++)
        {
            Pointer[i] = 0x0060000000000f43UL | ((ulong)(0x40000 + i) << 12) | Arm64PteBits.PTE_AF | Arm64PteBits.PTE_DIRTY;
        }
    }

    public ulong* Pointer { get; private set; }

    public int Length { get; }

    public void Dispose()
    {
        NativeMemory.AlignedFree(Pointer);
        Pointer = null;
    }
}
