using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;

namespace ArchPgtable.Native.Interop;

/// <summary>
/// The host side of the shim: every PTE access of the C code lands here and goes through
/// <see cref="PtePointer"/> (counted, observed: race injection works as for C# plugins); TLB
/// maintenance goes to the mm's <see cref="ITlbFlusher"/>; folios come from <see cref="IMmContext"/>.
/// An exception is caught and stored (it cannot cross the native frames); the shim then unwinds
/// with longjmp and the call rethrows it.
/// </summary>
internal static unsafe class NativeCallbacks
{
    public static NativeHost Table => new()
    {
        Read = &Read,
        Write = &Write,
        Xchg = &Xchg,
        Cmpxchg = &Cmpxchg,
        FlushRange = &FlushRange,
        FlushPage = &FlushPage,
        Folio = &Folio,
        Feature = &Feature,
        Report = &Report,
        Event = &Event,
        FlushLocal = &FlushLocal,
    };

    [UnmanagedCallersOnly]
    private static int Event(int kind, ulong address, int nr)
    {
        try
        {
            var counters = Mm("contpte_convert").Counters;
            if (kind == 1)
            {
                counters.Fold(address, nr);
            }
            else
            {
                counters.Unfold(address, nr);
            }

            return 0;
        }
        catch (Exception e)
        {
            return Fail(e);
        }
    }

    [UnmanagedCallersOnly]
    private static int Read(ulong address, ulong* value)
    {
        try
        {
            *value = Pointer(address).Read().Value;
            return 0;
        }
        catch (Exception e)
        {
            return Fail(e);
        }
    }

    [UnmanagedCallersOnly]
    private static int Write(ulong address, ulong value)
    {
        try
        {
            Pointer(address).Write(new Pte(value));
            return 0;
        }
        catch (Exception e)
        {
            return Fail(e);
        }
    }

    [UnmanagedCallersOnly]
    private static int Xchg(ulong address, ulong value, ulong* old)
    {
        try
        {
            *old = Pointer(address).Exchange(new Pte(value)).Value;
            return 0;
        }
        catch (Exception e)
        {
            return Fail(e);
        }
    }

    [UnmanagedCallersOnly]
    private static int Cmpxchg(ulong address, ulong old, ulong value, ulong* found)
    {
        try
        {
            *found = Pointer(address).CompareExchange(new Pte(value), new Pte(old)).Value;
            return 0;
        }
        catch (Exception e)
        {
            return Fail(e);
        }
    }

    [UnmanagedCallersOnly]
    private static int FlushRange(ulong start, ulong end, ulong stride, int lastLevel, int sync)
    {
        try
        {
            Mm("__flush_tlb_range").Tlb.FlushRange(start, end, stride, lastLevel != 0, sync != 0);
            return 0;
        }
        catch (Exception e)
        {
            return Fail(e);
        }
    }

    [UnmanagedCallersOnly]
    private static int FlushLocal(ulong start, ulong end, ulong stride, int notify)
    {
        try
        {
            Mm("local_flush_tlb_page").Tlb.FlushRangeLocal(start, end, stride, notify != 0);
            return 0;
        }
        catch (Exception e)
        {
            return Fail(e);
        }
    }

    [UnmanagedCallersOnly]
    private static int FlushPage(ulong address, int sync)
    {
        try
        {
            Mm("flush_tlb_page").Tlb.FlushPage(address);
            return 0;
        }
        catch (Exception e)
        {
            return Fail(e);
        }
    }

    [UnmanagedCallersOnly]
    private static int Folio(ulong pfn, ulong* startPfn, ulong* nrPages)
    {
        try
        {
            if (Mm("page_folio").TryGetFolio(pfn, out var folio))
            {
                *startPfn = folio.StartPfn;
                *nrPages = (ulong)folio.NrPages;
            }
            else
            {
                *startPfn = pfn;
                *nrPages = 1;
            }

            return 0;
        }
        catch (Exception e)
        {
            return Fail(e);
        }
    }

    [UnmanagedCallersOnly]
    private static int Feature(int id)
    {
        try
        {
            return NativeCall.Current.Features.Supports((NativeFeature)id) ? 1 : 0;
        }
        catch (Exception e)
        {
            Fail(e);
            return 0;
        }
    }

    [UnmanagedCallersOnly]
    private static void Report(int kind, byte* file, int line, byte* text)
    {
        try
        {
            var call = NativeCall.Current;
            var message = $"{Marshal.PtrToStringUTF8((nint)text)} at {Marshal.PtrToStringUTF8((nint)file)}:{line}";
            if (kind == 2)
            {
                call.Bug ??= message;
            }
            else
            {
                call.Warning ??= message;
            }
        }
        catch (Exception e)
        {
            Fail(e);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static PtePointer Pointer(ulong address)
    {
        var call = NativeCall.Current;
        var index = call.IndexOf(address);
        if (index < 0)
        {
            throw new NativeHelperException(
                $"the C code accessed pte_t* 0x{address:x}, outside the PTE table it was given (0x{NativeCall.WindowBase:x} + 8 × 0..{call.Table!.Count - 1}).");
        }

        return new PtePointer(call.Table!, index);
    }

    private static IMmContext Mm(string what) =>
        NativeCall.Current.Mm ?? throw new NativeHelperException($"the C code called {what} in a helper that has no mm.");

    private static int Fail(Exception e)
    {
        var call = NativeCall.Current;
        call.Error ??= ExceptionDispatchInfo.Capture(e);
        return 1;
    }
}
