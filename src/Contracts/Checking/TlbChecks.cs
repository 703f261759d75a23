using System.Globalization;
using ArchPgtable.Hardware;

namespace ArchPgtable.Contracts.Checking;

/// <summary>
/// TLB safety: once the helper has returned and the caller's deferred flush of the range has run
/// (the mmu_gather's <c>tlb_remove_tlb_entries(tlb, ptep, nr, addr)</c>), no cached translation may
/// grant what <c>ptep_get()</c> no longer reports: a mapping of another (or no) page, or a store
/// that would not set the dirty state. A stale young state is not checked: the kernel accepts it
/// as an aging inaccuracy (x86 and riscv <c>ptep_clear_flush_young()</c> do not flush).
/// </summary>
internal static class TlbChecks
{
    /// <summary>Runs the deferred flush of the call's range, then checks every cached translation of the region.</summary>
    public static void AfterDeferredFlush(CaseState s)
    {
        var w = s.World;
        var g = w.Geometry;
        w.Mm.Tlb.FlushRange(w.Addr(s.Call.Start), w.Addr(s.Call.End), g.PageSize, lastLevel: true, sync: true);
        Cached(s);
    }

    /// <summary>Checks every cached translation of the region against the "after" view.</summary>
    public static void Cached(CaseState s)
    {
        var w = s.World;
        var g = w.Geometry;
        if (w.Tlb.Count == 0)
        {
            return;
        }

        var baseVpn = w.BaseVa >> g.PageShift;
        foreach (var e in w.Tlb.EntriesOf(1))
        {
            var read = w.Hardware.Translate(e.Descriptor, MemoryAccess.Read);
            var write = w.Hardware.Translate(e.Descriptor, MemoryAccess.Write);
            var grantsRead = read.Ok && read.Updated == e.Descriptor;
            var grantsWrite = write.Ok && write.Updated == e.Descriptor;
            for (var k = 0; k < e.Pages; k++)
            {
                var index = (long)(e.BaseVpn + (ulong)k - baseVpn);
                if (index < s.RegionStart || index >= s.RegionEnd)
                {
                    continue;
                }

                var i = (int)index;
                var view = s.After(i);
                var pfn = e.BasePfn + (ulong)k;
                if (grantsRead && (!view.Present || view.Pfn != pfn))
                {
                    s.Fail(string.Create(CultureInfo.InvariantCulture,
                        $"{w.Where(i)}: after the deferred flush the TLB still maps pfn 0x{pfn:x} ({w.Format.Describe(e.Descriptor)}) but ptep_get() reports {view.Short()}"));
                    return;
                }

                if (grantsWrite && (!view.Write || !view.Dirty))
                {
                    s.Fail(string.Create(CultureInfo.InvariantCulture,
                        $"{w.Where(i)}: after the deferred flush the TLB still grants stores without a dirty update ({w.Format.Describe(e.Descriptor)}) but ptep_get() reports {view.Short()}"));
                    return;
                }
            }
        }
    }
}
