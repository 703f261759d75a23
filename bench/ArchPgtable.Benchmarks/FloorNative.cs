using System.Runtime.InteropServices;

namespace ArchPgtable.Benchmarks;

/// <summary>
/// The C floor (Floor/floor.c through Floor/floor_export.c, built by the project with gcc -O2 into
/// libarchpgtable_floor.so beside the assembly): floor.c's <c>clear_young_dirty()</c> loop, called with a raw
/// pointer and an int (blittable, no marshalling; no GC transition, as the call is short and never blocks).
/// </summary>
internal static unsafe partial class FloorNative
{
    private const string Library = "archpgtable_floor";
    private static readonly Lazy<string?> Problem = new(Probe);

    /// <summary>True when the library was built and loads.</summary>
    public static bool IsAvailable => Problem.Value is null;

    /// <summary>Why the floor is not available (one line), or null.</summary>
    public static string? Unavailable => Problem.Value;

    /// <summary>floor.c's loop over <paramref name="nr"/> entries of <paramref name="table"/>.</summary>
    [LibraryImport(Library, EntryPoint = "archpgtable_floor_clear_young_dirty")]
    [SuppressGCTransition]
    public static partial void ClearYoungDirty(ulong* table, int nr);

    private static string? Probe()
    {
        if (!NativeLibrary.TryLoad(Library, typeof(FloorNative).Assembly, null, out var handle))
        {
            return $"C floor not available: lib{Library}.so was not built (no C compiler found at build time, see the build output); the CFloor benchmarks are skipped.";
        }

        NativeLibrary.Free(handle);
        return null;
    }
}
