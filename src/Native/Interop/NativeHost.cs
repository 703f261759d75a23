using System.Runtime.InteropServices;

namespace ArchPgtable.Native.Interop;

/// <summary>The table of host callbacks the shim calls (C: <c>struct ap_host</c>).</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct NativeHost
{
    public delegate* unmanaged<ulong, ulong*, int> Read;
    public delegate* unmanaged<ulong, ulong, int> Write;
    public delegate* unmanaged<ulong, ulong, ulong*, int> Xchg;
    public delegate* unmanaged<ulong, ulong, ulong, ulong*, int> Cmpxchg;
    public delegate* unmanaged<ulong, ulong, ulong, int, int, int> FlushRange;
    public delegate* unmanaged<ulong, int, int> FlushPage;
    public delegate* unmanaged<ulong, ulong*, ulong*, int> Folio;
    public delegate* unmanaged<int, int> Feature;
    public delegate* unmanaged<int, byte*, int, byte*, void> Report;
    public delegate* unmanaged<int, ulong, int, int> Event;
    public delegate* unmanaged<ulong, ulong, ulong, int, int> FlushLocal;
}
