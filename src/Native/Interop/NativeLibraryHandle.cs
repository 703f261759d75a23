using System.Runtime.InteropServices;

namespace ArchPgtable.Native.Interop;

/// <summary>
/// A loaded native helper library and its entry points (function pointers from
/// <see cref="NativeLibrary.GetExport"/>; the library path is only known at run time). Loaded once per
/// path and process, and never unloaded (the host table is installed with <c>ap_init</c>).
/// </summary>
internal sealed unsafe class NativeLibraryHandle
{
    private static readonly Dictionary<string, NativeLibraryHandle> Loaded = new(StringComparer.Ordinal);
    private static readonly Lock LoadLock = new();

    private NativeLibraryHandle(nint handle)
    {
        PtepGet = (delegate* unmanaged<ulong, ulong*, int>)Export(handle, "ap_ptep_get");
        PtepGetLockless = (delegate* unmanaged<ulong, ulong*, int>)Export(handle, "ap_ptep_get_lockless");
        SetPtes = (delegate* unmanaged<int, ulong, ulong, ulong, uint, int>)Export(handle, "ap_set_ptes");
        PtepGetAndClear = (delegate* unmanaged<int, ulong, ulong, ulong*, int>)Export(handle, "ap_ptep_get_and_clear");
        GetAndClearFullPtes = (delegate* unmanaged<int, ulong, ulong, uint, int, ulong*, int>)Export(handle, "ap_get_and_clear_full_ptes");
        ClearFullPtes = (delegate* unmanaged<int, ulong, ulong, uint, int, int>)Export(handle, "ap_clear_full_ptes");
        PtepTestAndClearYoung = (delegate* unmanaged<int, ulong, ulong, int*, int>)Export(handle, "ap_ptep_test_and_clear_young");
        PtepClearFlushYoung = (delegate* unmanaged<int, ulong, ulong, int*, int>)Export(handle, "ap_ptep_clear_flush_young");
        PtepSetWrprotect = (delegate* unmanaged<int, ulong, ulong, int>)Export(handle, "ap_ptep_set_wrprotect");
        WrprotectPtes = (delegate* unmanaged<int, ulong, ulong, uint, int>)Export(handle, "ap_wrprotect_ptes");
        PtepSetAccessFlags = (delegate* unmanaged<int, ulong, ulong, ulong, int, int*, int>)Export(handle, "ap_ptep_set_access_flags");
        ClearYoungDirtyPtes = (delegate* unmanaged<int, ulong, ulong, uint, int, int*, int>)Export(handle, "ap_clear_young_dirty_ptes");
        PteBatchHint = (delegate* unmanaged<ulong, ulong, uint*, int>)Export(handle, "ap_pte_batch_hint");
        PtepGetAndClearFull = NativeLibrary.TryGetExport(handle, "ap_ptep_get_and_clear_full", out var full)
            ? (delegate* unmanaged<int, ulong, ulong, int, ulong*, int>)full
            : null;
        var init = (delegate* unmanaged<NativeHost*, void>)Export(handle, "ap_init");
        var host = NativeCallbacks.Table;
        init(&host);
    }

    public delegate* unmanaged<ulong, ulong*, int> PtepGet { get; }

    public delegate* unmanaged<ulong, ulong*, int> PtepGetLockless { get; }

    public delegate* unmanaged<int, ulong, ulong, ulong, uint, int> SetPtes { get; }

    public delegate* unmanaged<int, ulong, ulong, ulong*, int> PtepGetAndClear { get; }

    public delegate* unmanaged<int, ulong, ulong, uint, int, ulong*, int> GetAndClearFullPtes { get; }

    public delegate* unmanaged<int, ulong, ulong, uint, int, int> ClearFullPtes { get; }

    public delegate* unmanaged<int, ulong, ulong, int*, int> PtepTestAndClearYoung { get; }

    public delegate* unmanaged<int, ulong, ulong, int*, int> PtepClearFlushYoung { get; }

    public delegate* unmanaged<int, ulong, ulong, int> PtepSetWrprotect { get; }

    public delegate* unmanaged<int, ulong, ulong, uint, int> WrprotectPtes { get; }

    public delegate* unmanaged<int, ulong, ulong, ulong, int, int*, int> PtepSetAccessFlags { get; }

    public delegate* unmanaged<int, ulong, ulong, uint, int, int*, int> ClearYoungDirtyPtes { get; }

    public delegate* unmanaged<ulong, ulong, uint*, int> PteBatchHint { get; }

    /// <summary>The arch's own <c>ptep_get_and_clear_full()</c>, or null where the pgtable.h default is in force (arm64).</summary>
    public delegate* unmanaged<int, ulong, ulong, int, ulong*, int> PtepGetAndClearFull { get; }

    /// <exception cref="NativeBuildException">The library cannot be loaded or lacks an entry point.</exception>
    public static NativeLibraryHandle Load(string path)
    {
        lock (LoadLock)
        {
            if (Loaded.TryGetValue(path, out var handle))
            {
                return handle;
            }

            nint lib;
            try
            {
                lib = NativeLibrary.Load(path);
            }
            catch (DllNotFoundException e)
            {
                throw new NativeBuildException($"cannot load the native helpers {path}: {e.Message}", e);
            }

            handle = new NativeLibraryHandle(lib);
            Loaded[path] = handle;
            return handle;
        }
    }

    private static nint Export(nint lib, string name) =>
        NativeLibrary.TryGetExport(lib, name, out var address)
            ? address
            : throw new NativeBuildException($"the native helper library has no {name} entry point.");
}
