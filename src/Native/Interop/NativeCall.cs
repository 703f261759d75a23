using System.Runtime.ExceptionServices;

namespace ArchPgtable.Native.Interop;

/// <summary>
/// The state of the native call running on this thread: the PTE table its pointers point into, the
/// mm (TLB, folios), the feature answers, and what the callbacks raised. PTE pointers handed to C are
/// addresses in a window: <see cref="WindowBase"/> + 8 × index, aligned so that the kernel's own
/// pointer arithmetic (<c>contpte_align_down()</c>, <c>pte_batch_hint()</c>) sees the entry's index.
/// </summary>
internal sealed class NativeCall
{
    /// <summary>The base of the PTE pointer window (aligned far beyond the largest table).</summary>
    public const ulong WindowBase = 0x3c0000000000UL;

    [ThreadStatic]
    private static NativeCall? _current;

    [ThreadStatic]
    private static NativeCall? _spare;

    public PteTable? Table { get; private set; }

    public IMmContext? Mm { get; private set; }

    public NativeFeatures Features { get; private set; } = NativeFeatures.None;

    public ExceptionDispatchInfo? Error { get; set; }

    public string? Warning { get; set; }

    public string? Bug { get; set; }

    public static NativeCall Current => _current ?? throw new InvalidOperationException("native callback outside a native call.");

    public static ulong Address(PtePointer ptep) => WindowBase + ((ulong)ptep.Index << 3);

    /// <summary>Starts a call on this thread; returns the previous state to restore (calls do not nest in practice, but may).</summary>
    public static NativeCall? Begin(PteTable table, IMmContext? mm, NativeFeatures features)
    {
        var previous = _current;
        var call = _spare ?? new NativeCall();
        _spare = null;
        call.Table = table;
        call.Mm = mm;
        call.Features = features;
        call.Error = null;
        call.Warning = null;
        call.Bug = null;
        _current = call;
        return previous;
    }

    /// <summary>Ends the call: restores the previous state, then rethrows what the callbacks raised or reports a BUG/WARN.</summary>
    public static void End(NativeCall? previous, int rc, string helper)
    {
        var call = _current!;
        var error = call.Error;
        var bug = call.Bug;
        var warning = call.Warning;
        call.Table = null;
        call.Mm = null;
        _current = previous;
        _spare = call;
        error?.Throw();
        if (bug is not null)
        {
            throw new NativeHelperException($"{helper} (native): {bug}");
        }

        if (rc != 0)
        {
            throw new NativeHelperException($"{helper} (native): the call unwound without a reason.");
        }

        if (warning is not null)
        {
            throw new NativeHelperException($"{helper} (native): {warning}");
        }
    }

    /// <summary>Maps a window address back to an entry index, or -1 when it is outside the table or misaligned.</summary>
    public int IndexOf(ulong address)
    {
        var offset = address - WindowBase;
        if ((offset & 7) != 0 || offset >> 3 >= (ulong)Table!.Count)
        {
            return -1;
        }

        return (int)(offset >> 3);
    }
}
