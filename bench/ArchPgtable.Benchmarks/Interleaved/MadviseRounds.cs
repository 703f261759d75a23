using System.Diagnostics;
using ArchPgtable.Mm.Operations;

namespace ArchPgtable.Benchmarks.Interleaved;

/// <summary>
/// One build's side of <see cref="InterleavedCommand"/>: a written region of 64K folios on arm64 (the
/// <see cref="CFloorMadviseBenchmarks"/> machine), and rounds that put its PTE words and folio flags back to the written
/// state (<see cref="WrittenRegionSnapshot"/>) and time one MADV_FREE (new path) of it. Called through reflection, once
/// per build, inside that build's load context.
/// </summary>
internal static class MadviseRounds
{
    private const ulong Start = 0x40000000;
    private static WrittenRegionSnapshot? _region;
    private static ulong _size;

    /// <summary>Builds and writes the region, and checks that one round makes every folio lazyfree.</summary>
    public static void Setup(ulong size)
    {
        var mm = WrittenRegion.Of64KFolios(Start, size);
        var sys = mm.System;
        _region = WrittenRegionSnapshot.Take(mm, Start, size);
        _size = size;
        var lazyfree = sys.Stats.LazyfreeFolios;
        Round();
        if (sys.Stats.LazyfreeFolios - lazyfree != (long)(size / (64 << 10)))
        {
            throw new InvalidOperationException("a round did not make every 64K folio of the region lazyfree.");
        }
    }

    /// <summary>Restores the written state (not timed) and returns the microseconds of one MADV_FREE of the region.</summary>
    public static double Round()
    {
        var region = _region ?? throw new InvalidOperationException("Setup was not called.");
        region.Restore();
        var start = Stopwatch.GetTimestamp();
        Madvise.Free(region.Mm, Start, _size, MadviseFreeAlgorithm.New);
        return Stopwatch.GetElapsedTime(start).TotalMicroseconds;
    }
}
